import Foundation

/// A time of day written on a form, TT:MM.
public struct ClockTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let hour: Int
    public let minute: Int

    /// A valid time of day (00:00–23:59), or nil.
    public init?(hour: Int, minute: Int) {
        guard (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// Parses `TT:MM`.
    public init?(text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
            let h = Int(parts[0]), let m = Int(parts[1])
        else { return nil }
        self.init(hour: h, minute: m)
    }

    /// Minutes since midnight.
    public var minutes: Int { hour * 60 + minute }

    /// Minutes from `self` to `later`, across midnight when `later` is earlier in the day.
    public func minutes(until later: ClockTime) -> Int {
        later.minutes >= minutes ? later.minutes - minutes : later.minutes + 24 * 60 - minutes
    }

    public var description: String {
        (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    public static func < (a: ClockTime, b: ClockTime) -> Bool { a.minutes < b.minutes }
}

/// What a field holds, typed by what the form says the field is. Every
/// module that reads, stores, shows or exports a value uses this type.
public enum FieldValue: Sendable, Hashable {
    /// Nothing is written (or nothing could be read; the field's notes say which).
    case empty
    /// `ÅÅÅÅMMDD-NNNN`, the century resolved (samordningsnummer keep their day + 60).
    case personnummer(String)
    case date(CivilDate)
    case time(ClockTime)
    /// Whole kronor.
    case amount(Int)
    /// Digits as written, leading zeros kept (a USB stick's number, a voucher).
    case number(String)
    /// The values of the marked options, in the form's order.
    case choices([String])
    /// Whether a signature is there.
    case signature(Bool)
    case text(String)

    public var isEmpty: Bool {
        switch self {
        case .empty: return true
        case .choices(let chosen): return chosen.isEmpty
        case .text(let text): return text.isEmpty
        default: return false
        }
    }

    /// The one text form of the value: stored in the workspace, written to
    /// the audit log, compared when a person types a value. nil when empty.
    /// Personnummer `ÅÅÅÅMMDD-NNNN`, dates `ÅÅÅÅ-MM-DD`, times `TT:MM`,
    /// amounts as digits, choices as a JSON array of option values,
    /// signatures `true`/`false`.
    public var canonicalText: String? {
        switch self {
        case .empty: return nil
        case .personnummer(let text), .number(let text), .text(let text): return text
        case .date(let date): return date.description
        case .time(let time): return time.description
        case .amount(let kronor): return String(kronor)
        case .choices(let chosen):
            let data = (try? JSONEncoder().encode(chosen)) ?? Data("[]".utf8)
            return String(decoding: data, as: UTF8.self)
        case .signature(let present): return present ? "true" : "false"
        }
    }

    /// The value of a field of `kind` (and `pattern`) from its `canonicalText`.
    public init(canonicalText text: String?, kind: FieldKind, pattern: DigitPattern?) throws(FieldValueError) {
        guard let text else {
            self = .empty
            return
        }
        switch kind {
        case .text: self = .text(text)
        case .signature:
            switch text {
            case "true": self = .signature(true)
            case "false": self = .signature(false)
            default: throw FieldValueError(text: text, expected: "true eller false")
            }
        case .choice:
            guard let chosen = try? JSONDecoder().decode([String].self, from: Data(text.utf8)) else {
                throw FieldValueError(text: text, expected: "en lista av alternativ")
            }
            self = .choices(chosen)
        case .digits:
            switch pattern ?? .number {
            case .personnummer:
                guard text.count == 13, text.dropLast(5).allSatisfy(\.isNumber),
                    text.dropFirst(8).first == "-", text.suffix(4).allSatisfy(\.isNumber)
                else {
                    throw FieldValueError(text: text, expected: "ÅÅÅÅMMDD-NNNN")
                }
                self = .personnummer(text)
            case .date:
                guard text.count == 10, let date = CivilDate(iso: text) else {
                    throw FieldValueError(text: text, expected: "ÅÅÅÅ-MM-DD")
                }
                self = .date(date)
            case .time:
                guard let time = ClockTime(text: text) else { throw FieldValueError(text: text, expected: "TT:MM") }
                self = .time(time)
            case .amount:
                guard !text.isEmpty, text.allSatisfy(\.isASCIIDigit), let kronor = Int(text) else {
                    throw FieldValueError(text: text, expected: "hela kronor")
                }
                self = .amount(kronor)
            case .number:
                guard !text.isEmpty, text.allSatisfy(\.isASCIIDigit) else {
                    throw FieldValueError(text: text, expected: "siffror")
                }
                self = .number(text)
            }
        }
    }

    /// Whole kronor, for an amount.
    public var kronor: Int? {
        if case .amount(let value) = self { return value }
        return nil
    }

    /// The day, for a date.
    public var date: CivilDate? {
        if case .date(let value) = self { return value }
        return nil
    }

    /// The time of day, for a time.
    public var time: ClockTime? {
        if case .time(let value) = self { return value }
        return nil
    }

    /// The marked options, for a choice.
    public var chosen: [String] {
        if case .choices(let values) = self { return values }
        return []
    }

    /// The value as a person reads it, in Swedish: choices by their printed
    /// labels (`options`), signatures in words, `(tomt)` for nothing.
    public func displayText(options: [ChoiceOption] = []) -> String {
        switch self {
        case .empty: return "(tomt)"
        case .choices(let chosen):
            if chosen.isEmpty { return "(inget ikryssat)" }
            return chosen.map { value in options.first { $0.value == value }?.label ?? value }.joined(separator: ", ")
        case .signature(let present): return present ? "underskrift finns" : "ingen underskrift"
        default: return canonicalText ?? ""
        }
    }
}

/// A stored value that does not fit its field (a damaged or edited workspace).
public struct FieldValueError: Error, Sendable, Equatable, CustomStringConvertible {
    public var text: String
    public var expected: String
    public var description: String { "värdet \"\(text)\" passar inte fältet (väntat: \(expected))" }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
