/// How much recognised text looks like writing rather than OCR garbage
/// (isolated symbols, punctuation heaps, stray single characters), 0–1.
enum TextPlausibility {
    /// Characters expected in a field of Swedish text.
    private static let punctuation: Set<Character> = [
        "-", ".", ",", ":", "/", "(", ")", "'", "\"", "!", "?", "%", "+", "&",
    ]
    /// Single-character words that are real words.
    private static let singleWords: Set<String> = ["i", "å", "ö", "o", "&", "-", "+"]

    static func score(_ text: String) -> Double {
        let tokens = text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        guard !tokens.isEmpty else { return 0 }
        let characters = tokens.joined()
        let plausible = characters.filter { $0.isLetter || $0.isNumber || punctuation.contains($0) }.count
        let characterScore = Double(plausible) / Double(characters.count)
        let wordScore = Double(tokens.filter(isWordLike).count) / Double(tokens.count)
        // A quote mark without its partner is usually a border remnant or a
        // swash read as punctuation: the rest of the line is suspect too.
        let quotes = characters.filter { "\"'”“‘’„".contains($0) }.count
        let pairing = quotes % 2 == 1 ? 0.75 : 1
        return characterScore * wordScore * pairing
    }

    /// A token with at least two letters or digits making up most of it, or a
    /// number, or a real one-letter word.
    private static func isWordLike(_ token: String) -> Bool {
        let alphanumeric = token.filter { $0.isLetter || $0.isNumber }
        if alphanumeric.count >= 2 { return Double(alphanumeric.count) >= 0.6 * Double(token.count) }
        return token.allSatisfy(\.isNumber) || singleWords.contains(token.lowercased())
    }
}
