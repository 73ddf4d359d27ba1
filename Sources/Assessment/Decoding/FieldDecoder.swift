import FormKit
import Foundation

/// Decodes a digits field jointly from its boxes' candidates under its
/// pattern's rules: a misread digit usually breaks a check digit or a date,
/// so the most probable *valid* reading is chosen, not the most probable digits.
///
/// Blank boxes: a box whose blank probability is at least ½ counts as blank
/// when deciding whether a field is empty or only partly filled. Patterns that
/// need every box (personnummer, date, time) are invalid when partly filled;
/// `amount` allows blanks only at the left (right-aligned kronor); `number`
/// allows blanks at the left or at the right (written from either end) but
/// never between digits.
public struct FieldDecoder: Sendable {
    public var context: DecodingContext
    /// Digits considered per box, besides blank.
    public var digitsPerBox: Int
    /// Valid readings kept as alternatives (and normalised over).
    public var maximumAlternatives: Int
    /// Complete readings examined before giving up on finding a valid one.
    public var maximumCandidates: Int
    /// A reading less probable than this fraction of the most probable reading
    /// of the boxes (valid or not) is not a plausible reading ("trolig läsning").
    public var minimumRelativeProbability: Double

    public init(
        context: DecodingContext, digitsPerBox: Int = 4, maximumAlternatives: Int = 8,
        maximumCandidates: Int = 5_000, minimumRelativeProbability: Double = 1e-4
    ) {
        self.context = context
        self.digitsPerBox = digitsPerBox
        self.maximumAlternatives = maximumAlternatives
        self.maximumCandidates = maximumCandidates
        self.minimumRelativeProbability = minimumRelativeProbability
    }

    /// The decoder for outage forms (`DecodingContext.outage`).
    public static func outageForms(reference: CivilDate) -> FieldDecoder {
        FieldDecoder(context: .outage(reference: reference))
    }

    public func decode(_ boxes: [BoxCandidates], pattern: DigitPattern) -> FieldReading {
        guard pattern.allowedBoxCounts.contains(boxes.count) else {
            return .invalid(
                .init(.format, "Fältet har \(boxes.count) rutor, vilket inte passar mönstret \(pattern.rawValue)."))
        }
        let blank = boxes.map { $0.blank >= 0.5 }
        if blank.allSatisfy({ $0 }) { return .empty }
        let grammar = FieldGrammar(pattern: pattern, boxCount: boxes.count)
        if let failure = BlankLayout.failure(blank: blank, pattern: pattern) { return .invalid(failure) }

        let search = ReadingSearch(boxes: boxes, grammar: grammar, digitsPerBox: digitsPerBox)
        var found: [(candidate: ReadingSearch.Candidate, value: String)] = []
        var latestFailure: ValidationFailure?
        let floor = search.bestUnconstrainedLogProbability + log(minimumRelativeProbability)
        search.forEachReading(limit: maximumCandidates) { candidate in
            guard candidate.logProbability >= floor else { return false }
            let digits = candidate.symbols.filter { $0 != blankSymbol }.map(Int.init)
            switch PatternRules.check(digits, pattern: pattern, context: context) {
            case .success(let value):
                found.append((candidate, value))
            case .failure(let failure):
                if latestFailure.map({ failure.kind > $0.kind }) ?? true { latestFailure = failure }
            }
            return found.count < maximumAlternatives
        }
        guard !found.isEmpty else {
            return .invalid(
                Self.noValidReading(
                    pattern: pattern, lastFailure: latestFailure,
                    grammarAccepts: search.hasAcceptedReading))
        }
        let joint = found.map { exp($0.candidate.logProbability) }
        let total = joint.reduce(0, +)
        let alternatives = zip(found, joint).map { item, p in
            FieldReading.Alternative(
                value: item.value, boxes: Self.boxText(item.candidate.symbols),
                probability: total > 0 ? p / total : 0, jointProbability: p)
        }
        return FieldReading(alternatives: alternatives, isEmpty: false, failure: nil)
    }

    /// The value the boxes as read (`FieldReading.Alternative.boxes`: digits,
    /// a space for a blank box) have under this decoder's context; nil when
    /// they are no valid value of `pattern` here.
    public func value(ofBoxes boxes: String, pattern: DigitPattern) -> FieldValue? {
        let digits = boxes.compactMap(\.wholeNumberValue)
        guard digits.count == boxes.filter({ $0 != " " }).count,
            case .success(let text) = PatternRules.check(digits, pattern: pattern, context: context)
        else { return nil }
        return try? FieldValue(canonicalText: text, kind: .digits, pattern: pattern)
    }

    private static func boxText(_ symbols: [BoxSymbol]) -> String {
        String(symbols.map { $0 == blankSymbol ? " " : Character(String($0)) })
    }

    /// The reviewer's reason when no reading considered is valid.
    private static func noValidReading(
        pattern: DigitPattern, lastFailure: ValidationFailure?,
        grammarAccepts: Bool
    ) -> ValidationFailure {
        if let failure = lastFailure {
            return .init(failure.kind, "Ingen trolig läsning är giltig: \(failure.reason)")
        }
        switch pattern {
        case .personnummer:
            return .init(.checkDigit, "Kontrollsiffran stämmer inte för någon trolig läsning.")
        case .date:
            return .init(.calendar, "Ingen trolig läsning är ett giltigt datum.")
        case .time:
            return .init(.calendar, "Ingen trolig läsning är ett giltigt klockslag (00:00–23:59).")
        case .amount, .number:
            return .init(.format, "Ingen trolig läsning passar fältet.")
        }
    }
}
