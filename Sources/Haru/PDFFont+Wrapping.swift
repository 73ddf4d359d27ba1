extension PDFFont {
    /// `text` broken into lines no wider than `width` millimetres at `size`
    /// points, at spaces; a word wider than a line (a long e-mail address, a
    /// Swedish compound) is cut into pieces that fit.
    public func lines(of text: String, width: Double, size: Double) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ").flatMap({ pieces(of: String($0), width: width, size: size) }) {
            let candidate = current.isEmpty ? word : current + " " + word
            if current.isEmpty || self.width(of: candidate, size: size) <= width {
                current = candidate
            } else {
                lines.append(current)
                current = word
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    func pieces(of word: String, width: Double, size: Double) -> [String] {
        guard self.width(of: word, size: size) > width else { return [word] }
        var pieces: [String] = []
        var current = ""
        for c in word {
            if !current.isEmpty, self.width(of: current + String(c), size: size) > width {
                pieces.append(current)
                current = ""
            }
            current.append(c)
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }
}
