import Assessment

/// Box candidates as a digit recogniser might produce them, for decoder tests.
public enum Boxes {
    /// A box read as `digit` with `confidence`, the rest spread evenly.
    public static func sure(_ digit: Int, _ confidence: Double = 0.9, blank: Double = 0.01) -> BoxCandidates {
        weighted([digit: confidence], blank: blank)
    }

    /// A box with the given digit probabilities; the remaining mass spread evenly.
    public static func weighted(_ weights: [Int: Double], blank: Double = 0.01) -> BoxCandidates {
        let rest = max(0, 1 - weights.values.reduce(0, +)) / Double(10 - weights.count)
        let probabilities = (0..<10).map { weights[$0] ?? rest }
        return BoxCandidates(probabilities: probabilities, blank: blank)
    }

    /// Every character of `text` a confidently read digit, a space a blank box.
    public static func reading(_ text: String, confidence: Double = 0.9) -> [BoxCandidates] {
        text.map { character in
            guard let digit = character.wholeNumberValue else {
                return BoxCandidates(probabilities: Array(repeating: 0.1, count: 10), blank: 0.99)
            }
            return sure(digit, confidence)
        }
    }

    /// Nine digits completed with their Luhn check digit (an independent implementation).
    public static func withCheckDigit(_ nine: String) -> String {
        var sum = 0
        for (index, character) in nine.enumerated() {
            let digit = character.wholeNumberValue ?? 0
            let product = digit * (index % 2 == 0 ? 2 : 1)
            sum += product / 10 + product % 10
        }
        return nine + String((10 - sum % 10) % 10)
    }
}
