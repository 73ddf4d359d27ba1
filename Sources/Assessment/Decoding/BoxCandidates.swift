/// What the digit recogniser says about one comb box: a probability for each
/// digit 0–9, and how likely the box is blank (decided from the ink, not by the
/// classifier). The field decoder combines the boxes of a field under its
/// pattern's rules.
public struct BoxCandidates: Sendable, Equatable {
    /// Probability of each digit 0...9 given that something is written; sums to 1.
    public var probabilities: [Double]
    /// Probability that the box holds no writing at all.
    public var blank: Double

    public init(probabilities: [Double], blank: Double) {
        precondition(probabilities.count == 10, "BoxCandidates needs 10 digit probabilities")
        self.probabilities = probabilities
        self.blank = blank
    }

    /// A box with no ink.
    public static let empty = BoxCandidates(probabilities: Array(repeating: 0.1, count: 10), blank: 1)

    /// The most likely digit and its probability.
    public var best: (digit: Int, probability: Double) {
        var best = 0
        for d in 1..<10 where probabilities[d] > probabilities[best] { best = d }
        return (best, probabilities[best])
    }

    /// The `k` most likely digits, most likely first.
    public func top(_ k: Int) -> [(digit: Int, probability: Double)] {
        probabilities.enumerated()
            .sorted { $0.element > $1.element }
            .prefix(k)
            .map { ($0.offset, $0.element) }
    }
}
