import Foundation

/// Validates and normalises a value typed by a person (during review) for a
/// digits pattern, with the same rules the decoder applies to readings.
///
/// Accepted forms:
/// - personnummer: `121212-1212`, `121212+1212` (100 years or older),
///   `1212121212`, `19121212-1212`, `191212121212` → `ÅÅÅÅMMDD-NNNN`
/// - date: `2026-11-27`, `20261127`, `261127`, `26-11-27` → `ÅÅÅÅ-MM-DD`
/// - time: `0930`, `930`, `9:30`, `09:30`, `9.30` → `HH:MM`
/// - amount: `1250`, `1 250`, `1 250 kr`, `1250:-`, `1250,00` → `1250`
/// - number: digits, surrounding spaces ignored.
public enum PatternValidator {
    public static func validate(
        _ text: String, pattern: DigitPattern,
        context: DecodingContext
    ) -> Result<String, ValidationFailure> {
        let spaces: Set<Character> = [" ", "\u{00A0}", "\u{202F}", "\t"]
        let compact = String(text.trimmingCharacters(in: .whitespacesAndNewlines).filter { !spaces.contains($0) })
        guard !compact.isEmpty else { return .failure(.init(.format, "Värdet är tomt.")) }
        switch pattern {
        case .personnummer: return personnummer(compact, context: context)
        case .date: return date(compact, context: context)
        case .time: return time(compact)
        case .amount: return amount(compact.lowercased())
        case .number:
            guard let digits = digitsOnly(compact) else {
                return .failure(.init(.format, "Ett nummer får bara innehålla siffror."))
            }
            return PatternRules.number(digits)
        }
    }

    private static func personnummer(_ text: String, context: DecodingContext) -> Result<String, ValidationFailure> {
        var body = text
        var hundredPlus = false
        let separators: [Character] = ["-", "–", "+"]
        if let index = body.lastIndex(where: { separators.contains($0) }) {
            hundredPlus = body[index] == "+"
            guard body.distance(from: index, to: body.endIndex) == 5 else {
                return .failure(.init(.format, "Skriv personnumret som ÅÅMMDD-NNNN eller ÅÅÅÅMMDD-NNNN."))
            }
            body.remove(at: index)
        }
        guard let digits = digitsOnly(body), digits.count == 10 || digits.count == 12 else {
            return .failure(.init(.format, "Skriv personnumret som ÅÅMMDD-NNNN eller ÅÅÅÅMMDD-NNNN."))
        }
        return PatternRules.personnummer(digits, hundredPlus: hundredPlus, context: context)
    }

    private static func date(_ text: String, context: DecodingContext) -> Result<String, ValidationFailure> {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let shapes = [[4, 2, 2], [2, 2, 2], [8], [6]]
        guard shapes.contains(parts.map(\.count)), let digits = digitsOnly(parts.joined()) else {
            return .failure(.init(.format, "Skriv datumet som ÅÅÅÅ-MM-DD, ÅÅÅÅMMDD eller ÅÅMMDD."))
        }
        return PatternRules.date(digits, context: context)
    }

    private static func time(_ text: String) -> Result<String, ValidationFailure> {
        let parts = text.split(whereSeparator: { $0 == ":" || $0 == "." }).map(String.init)
        let digits: [Int]?
        switch parts.count {
        case 2 where (1...2).contains(parts[0].count) && parts[1].count == 2:
            digits = digitsOnly((parts[0].count == 1 ? "0" : "") + parts[0] + parts[1])
        case 1 where (3...4).contains(parts[0].count):
            digits = digitsOnly((parts[0].count == 3 ? "0" : "") + parts[0])
        default:
            digits = nil
        }
        guard let digits else { return .failure(.init(.format, "Skriv klockslaget som TT:MM.")) }
        return PatternRules.time(digits)
    }

    private static func amount(_ text: String) -> Result<String, ValidationFailure> {
        var body = text
        for suffix in ["kronor", "kr.", "kr", ":-"] where body.hasSuffix(suffix) {
            body.removeLast(suffix.count)
            break
        }
        for decimals in [",00", ".00", ":00"] where body.hasSuffix(decimals) {
            body.removeLast(decimals.count)
            break
        }
        guard let digits = digitsOnly(body) else {
            return .failure(.init(.format, "Ange beloppet i hela kronor, bara siffror."))
        }
        return PatternRules.amount(digits)
    }

    /// The decimal digits of `text`, or nil if it holds anything else or nothing.
    private static func digitsOnly(_ text: some StringProtocol) -> [Int]? {
        guard !text.isEmpty else { return nil }
        var digits: [Int] = []
        for character in text {
            guard character.isASCII, let value = character.wholeNumberValue else { return nil }
            digits.append(value)
        }
        return digits
    }
}
