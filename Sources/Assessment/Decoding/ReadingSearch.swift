import FormKit
import Foundation

/// Complete readings of a field in order of falling joint probability, among
/// the ones the `FieldGrammar` accepts.
///
/// Each box offers its top-k digits (log P = log((1 − blank)·p(d))) and blank
/// (log P = log blank) where the grammar allows it. An exact backward dynamic
/// programme over (position, grammar state) gives the best log-probability
/// any completion can still reach; with it as heuristic, best-first (A*)
/// search pops complete readings in exactly descending probability, so the
/// first ones that also pass `PatternRules` are the best valid readings.
struct ReadingSearch {
    struct Candidate {
        var symbols: [BoxSymbol]
        var logProbability: Double
    }

    private let grammar: FieldGrammar
    /// Per box: the symbols considered with their log-probabilities.
    private let options: [[(symbol: BoxSymbol, logProbability: Double)]]
    /// bestCompletion[position][state.index]: the best log-probability from
    /// `position` to the end, −∞ if no accepted completion exists.
    private let bestCompletion: [[Double]]

    init(boxes: [BoxCandidates], grammar: FieldGrammar, digitsPerBox: Int) {
        self.grammar = grammar
        options = boxes.map { box in
            var list: [(BoxSymbol, Double)] = []
            if box.blank > 0 { list.append((blankSymbol, log(box.blank))) }
            let inked = 1 - box.blank
            if inked > 0 {
                for (digit, p) in box.top(digitsPerBox) where p > 0 {
                    list.append((BoxSymbol(digit), log(inked * p)))
                }
            }
            return list
        }
        bestCompletion = ReadingSearch.completions(options: options, grammar: grammar)
    }

    private static func completions(
        options: [[(symbol: BoxSymbol, logProbability: Double)]],
        grammar: FieldGrammar
    ) -> [[Double]] {
        let n = options.count
        var table = Array(
            repeating: Array(repeating: -Double.infinity, count: FieldGrammar.State.count),
            count: n + 1)
        let states = allStates()
        for state in states where grammar.accepts(state) { table[n][state.index] = 0 }
        for position in stride(from: n - 1, through: 0, by: -1) {
            for state in states {
                var best = -Double.infinity
                for option in options[position] {
                    guard let next = grammar.step(state, option.symbol, at: position) else { continue }
                    best = max(best, option.logProbability + table[position + 1][next.index])
                }
                table[position][state.index] = best
            }
        }
        return table
    }

    private static func allStates() -> [FieldGrammar.State] {
        (0..<10).flatMap { luhn in (0..<3).map { FieldGrammar.State(luhn: Int8(luhn), phase: Int8($0)) } }
    }

    /// The log-probability of the most probable reading of each box on its own,
    /// whatever the grammar says.
    var bestUnconstrainedLogProbability: Double {
        options.reduce(0) { $0 + ($1.map(\.logProbability).max() ?? -Double.infinity) }
    }

    /// Whether the grammar accepts any reading at all from the symbols considered.
    var hasAcceptedReading: Bool { bestCompletion[0][FieldGrammar.State().index] > -Double.infinity }

    /// Calls `visit` with complete accepted readings, best first, until it
    /// returns false or `limit` readings have been visited.
    func forEachReading(limit: Int, _ visit: (Candidate) -> Bool) {
        struct Node {
            var symbols: [BoxSymbol]
            var state: FieldGrammar.State
            var logProbability: Double
        }
        let n = options.count
        var queue = PriorityQueue<Node>()
        let root = Node(symbols: [], state: FieldGrammar.State(), logProbability: 0)
        guard hasAcceptedReading else { return }
        queue.push(root, priority: bestCompletion[0][root.state.index])
        var visited = 0
        while visited < limit, let node = queue.pop() {
            let position = node.symbols.count
            if position == n {
                visited += 1
                guard visit(Candidate(symbols: node.symbols, logProbability: node.logProbability)) else { return }
                continue
            }
            for option in options[position] {
                guard let next = grammar.step(node.state, option.symbol, at: position) else { continue }
                let remaining = bestCompletion[position + 1][next.index]
                guard remaining > -Double.infinity else { continue }
                let logProbability = node.logProbability + option.logProbability
                queue.push(
                    Node(
                        symbols: node.symbols + [option.symbol], state: next,
                        logProbability: logProbability),
                    priority: logProbability + remaining)
            }
        }
    }
}
