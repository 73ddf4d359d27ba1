extension PDFFont {
    /// `text` broken into lines no wider than `width` millimetres at `size`
    /// points, at spaces; a word wider than a line is cut into pieces that
    /// fit (an e-mail address only after "@" or ".", a phone number never).
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

    /// The size, from `size` down to `smallest` in half points, at which no
    /// word of `text` is wider than `width`: a cell shrinks its font before a
    /// word would be cut ("Informationssäkerhetssamordnare", an e-mail address).
    public func sizeKeepingWords(of text: String, width: Double, size: Double, smallest: Double) -> Double {
        let widest = text.split(separator: " ").map { self.width(of: String($0), size: 1) }.max() ?? 0
        var s = size
        while s - 0.5 >= smallest && widest * s > width { s -= 0.5 }
        return s
    }

    /// A phone number: never cut.
    static func isPhoneNumber(_ word: String) -> Bool {
        word.contains(where: \.isNumber) && word.allSatisfy { $0.isNumber || "-+()".contains($0) }
    }

    func pieces(of word: String, width: Double, size: Double) -> [String] {
        guard self.width(of: word, size: size) > width, !Self.isPhoneNumber(word) else { return [word] }
        // An e-mail address is cut only after an "@" or a ".", as it is written on two lines by hand.
        if word.contains("@") {
            var pieces: [String] = []
            var current = "", segment = ""
            for c in word {
                segment.append(c)
                guard c == "@" || c == "." else { continue }
                if !current.isEmpty, self.width(of: current + segment, size: size) > width {
                    pieces.append(current)
                    current = ""
                }
                current += segment
                segment = ""
            }
            if !current.isEmpty, self.width(of: current + segment, size: size) > width {
                pieces.append(current)
                current = ""
            }
            pieces.append(current + segment)
            return pieces
        }
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
