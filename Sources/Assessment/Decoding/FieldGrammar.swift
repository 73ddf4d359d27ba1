import FormKit

/// One box's reading in a candidate: a digit, or blank.
typealias BoxSymbol = Int8
let blankSymbol: BoxSymbol = -1

/// The part of a pattern's rules that can be checked box by box, as a small
/// automaton: which digits each position may hold, where blanks may stand, and
/// (for personnummer) the Luhn sum mod 10. Everything else (real dates, ages)
/// is checked on complete candidates by `PatternRules`.
struct FieldGrammar {
    /// Automaton state: Luhn sum so far (mod 10) and the blank phase
    /// (0: leading blanks, 1: digits, 2: trailing blanks).
    struct State: Hashable {
        var luhn: Int8 = 0
        var phase: Int8 = 0
        var index: Int { Int(luhn) * 3 + Int(phase) }
        static let count = 30
    }

    let pattern: DigitPattern
    let boxCount: Int
    /// Digits allowed at each position (a superset of what the full rules accept).
    private let allowed: [[Bool]]
    /// First position covered by the Luhn check, or nil.
    private let luhnStart: Int?

    init(pattern: DigitPattern, boxCount: Int) {
        self.pattern = pattern
        self.boxCount = boxCount
        var allowed = Array(repeating: Array(repeating: true, count: 10), count: boxCount)
        func restrict(_ position: Int, to digits: some Sequence<Int>) {
            guard position >= 0, position < boxCount else { return }
            let keep = Set(digits)
            for d in 0..<10 where !keep.contains(d) { allowed[position][d] = false }
        }
        switch pattern {
        case .personnummer:
            let start = boxCount - 10
            if boxCount == 12 { restrict(0, to: 1...2) }
            restrict(start + 2, to: 0...1)
            restrict(start + 4, to: [0, 1, 2, 3, 6, 7, 8, 9])
            luhnStart = start
        case .date:
            restrict(boxCount - 4, to: 0...1)
            restrict(boxCount - 2, to: 0...3)
            luhnStart = nil
        case .time:
            restrict(0, to: 0...2)
            restrict(2, to: 0...5)
            luhnStart = nil
        case .amount, .number:
            luhnStart = nil
        }
        self.allowed = allowed
    }

    /// Whether every box must hold a digit.
    var needsEveryBox: Bool {
        switch pattern {
        case .personnummer, .date, .time: return true
        case .amount, .number: return false
        }
    }

    /// The state after reading `symbol` at `position`, or nil if the rules forbid it.
    func step(_ state: State, _ symbol: BoxSymbol, at position: Int) -> State? {
        var next = state
        if symbol == blankSymbol {
            switch (pattern, state.phase) {
            case (.amount, 0), (.number, 0), (.number, 2): return next
            case (.number, 1):
                next.phase = 2
                return next
            default: return nil
            }
        }
        let digit = Int(symbol)
        guard allowed[position][digit] else { return nil }
        switch state.phase {
        case 0: next.phase = 1
        case 1: break
        default: return nil  // a digit after trailing blanks: a gap
        }
        if let start = luhnStart, position >= start {
            next.luhn = Int8((Int(state.luhn) + Luhn.contribution(digit, at: position - start)) % 10)
        }
        return next
    }

    /// Whether a complete reading ending in `state` passes the box-by-box rules.
    func accepts(_ state: State) -> Bool {
        state.phase >= 1 && (luhnStart == nil || state.luhn == 0)
    }
}
