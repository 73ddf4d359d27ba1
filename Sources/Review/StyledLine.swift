import Platform

/// A line of the screen being built: text in styles (SGR codes), cut at the
/// screen's width so nothing wraps. Text added passes `TerminalText.safe`: a
/// file name or a reading cannot steer the terminal.
struct StyledLine {
    let width: Int
    /// Without colour (`NO_COLOR`) only bold, dim, underline and reverse are kept.
    let colour: Bool
    private(set) var text = ""
    private(set) var used = 0

    init(width: Int, colour: Bool = true) {
        self.width = width
        self.colour = colour
    }

    /// Appends `string` in `style` (SGR parameters such as "1" or "32"), cut at the width.
    mutating func add(_ unsafe: String, _ style: String? = nil) {
        let string = TerminalText.safe(unsafe)
        let room = width - used
        guard room > 0, !string.isEmpty else { return }
        let cut = string.count > room ? String(string.prefix(max(0, room - 1))) + "…" : string
        used += cut.count
        if let style = style.flatMap(shown) { text += "\u{1b}[\(style)m" + cut + "\u{1b}[0m" } else { text += cut }
    }

    /// The style as drawn: colours dropped when the terminal is to show none.
    func shown(_ style: String) -> String? {
        guard !colour else { return style }
        let kept = style.split(separator: ";").filter { ["1", "2", "3", "4", "7"].contains($0) }
        return kept.isEmpty ? nil : kept.joined(separator: ";")
    }

    /// Appends `string` padded or cut to exactly `columns`.
    mutating func add(_ unsafe: String, columns: Int, _ style: String? = nil) {
        let string = TerminalText.safe(unsafe)
        let fitted =
            string.count > columns
            ? String(string.prefix(max(0, columns - 1))) + "…"
            : string + String(repeating: " ", count: columns - string.count)
        add(fitted, style)
    }

    /// Appends pre-styled text of a known visible width (an image row).
    mutating func addRaw(_ raw: String, visible: Int) {
        text += raw
        used += visible
    }
}
