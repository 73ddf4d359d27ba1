/// Conservative text widths for the sans-serif font the binder embeds, so
/// that the layout can wrap labels without asking the PDF library. Estimates
/// err on the wide side: a line may end early, never overflow.
public enum TextMetrics {
    public static let pointInMillimetres = 25.4 / 72

    /// Estimated width in millimetres of `text` at `size` points.
    public static func width(_ text: String, size: Double, font: FontStyle = .regular) -> Double {
        var em = 0.0
        for c in text {
            if font == .mono {
                em += 0.61
                continue
            }
            switch c {
            case " ": em += 0.32
            case "i", "l", "j", "!", "|", ".", ",", ":", ";", "'", "I": em += 0.30
            case "f", "t", "r", "(", ")", "-", "/": em += 0.42
            case "m", "w", "M", "W": em += 0.92
            case "0"..."9": em += 0.64
            default: em += c.isUppercase ? 0.72 : 0.58
            }
        }
        if font == .bold { em *= 1.1 }
        return em * size * pointInMillimetres
    }

    /// Words of `text` broken into lines no wider than `width` millimetres.
    public static func wrap(_ text: String, width: Double, size: Double, font: FontStyle = .regular) -> [String] {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var current = ""
            for word in paragraph.split(separator: " ") {
                let candidate = current.isEmpty ? String(word) : current + " " + word
                if current.isEmpty || Self.width(candidate, size: size, font: font) <= width {
                    current = candidate
                } else {
                    lines.append(current)
                    current = String(word)
                }
            }
            lines.append(current)
        }
        return lines
    }

    /// Line height in millimetres for text of `size` points.
    public static func lineHeight(_ size: Double) -> Double { size * pointInMillimetres * 1.25 }
}
