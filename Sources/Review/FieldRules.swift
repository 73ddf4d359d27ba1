import Drafts
import FormKit
import Foundation
import Recognition

/// What review needs to know about a stored field: whether it needs a
/// person's attention, whether it must be typed twice, how its value reads,
/// and how a typed answer becomes a stored value.
public enum FieldRules {
    /// Fields below this confidence are flagged even when the recogniser did not ask for review.
    public static let attentionConfidence = 0.9
    /// High-risk fields below this confidence are typed blind (double entry).
    public static let doubleEntryConfidence = 0.95
    /// Patterns where a wrong digit files a note on the wrong person or pays the wrong amount.
    public static let highRiskPatterns: Set<String> = [
        DigitPattern.personnummer.rawValue, DigitPattern.amount.rawValue, DigitPattern.number.rawValue,
    ]

    public static func needsAttention(_ field: StoredField) -> Bool {
        field.review || field.confidence < attentionConfidence || !field.messages.isEmpty
    }

    /// Double entry: a high-risk digits field the recogniser was not sure of.
    public static func needsDoubleEntry(_ field: StoredField) -> Bool {
        field.kind == FieldKind.digits.rawValue && highRiskPatterns.contains(field.pattern ?? "number")
            && (field.review || field.confidence < doubleEntryConfidence)
    }

    public enum Confidence { case high, medium, low }

    public static func confidence(_ field: StoredField) -> Confidence {
        if field.confidence >= 0.95 && !field.review { return .high }
        return field.confidence >= 0.75 ? .medium : .low
    }

    /// The value as a person reads it (choices by their labels, signatures in words).
    public static func display(_ value: String?, kind: String, layout: FieldLayout?) -> String {
        guard let value else { return "(tomt)" }
        switch kind {
        case FieldKind.choice.rawValue:
            let values = decodeArray(value)
            if values.isEmpty { return "(inget ikryssat)" }
            return values.map { v in layout?.options.first { $0.value == v }?.label ?? v }.joined(separator: ", ")
        case FieldKind.signature.rawValue:
            return value == "true" ? "underskrift finns" : "ingen underskrift"
        default:
            return value
        }
    }

    /// How to answer for the field, shown beside the input.
    public static func hint(kind: String, pattern: String?, layout: FieldLayout?) -> String {
        switch kind {
        case FieldKind.choice.rawValue:
            let options = (layout?.options ?? []).enumerated().map { "\($0.offset + 1)=\($0.element.label)" }
            let many = layout?.multiple == true ? " (flera: 1,3)" : ""
            return "Skriv alternativets nummer\(many): " + options.joined(separator: " ") + ", - för inget"
        case FieldKind.signature.rawValue:
            return "j = underskrift finns, n = ingen underskrift"
        case FieldKind.digits.rawValue:
            switch DigitPattern(rawValue: pattern ?? "") {
            case .personnummer: return "ÅÅMMDD-NNNN eller ÅÅÅÅMMDD-NNNN"
            case .date: return "ÅÅÅÅ-MM-DD eller ÅÅMMDD"
            case .time: return "TT:MM"
            case .amount: return "hela kronor"
            default: return "siffror"
            }
        default:
            return "fri text, - för tomt"
        }
    }

    /// Checks a typed answer and turns it into the value to store (nil: empty).
    public static func parse(_ input: String, kind: String, pattern: String?, layout: FieldLayout?,
                             reference: Date = Date()) -> Result<String?, InputProblem> {
        let text = input.trimmingCharacters(in: .whitespaces)
        if text == "-" {
            if layout?.required == true {
                return .failure(InputProblem("Fältet är obligatoriskt. Saknas värdet: markera posten för uppföljning (F2)."))
            }
            return .success(nil)
        }
        if text.isEmpty { return .failure(InputProblem("Skriv ett värde, eller - för tomt.")) }
        switch kind {
        case FieldKind.digits.rawValue:
            let digitPattern = DigitPattern(rawValue: pattern ?? "") ?? .number
            switch PatternValidator.validate(text, pattern: digitPattern, reference: reference) {
            case .success(let value): return .success(value)
            case .failure(let failure): return .failure(InputProblem(failure.reason))
            }
        case FieldKind.choice.rawValue:
            return parseChoice(text, layout: layout)
        case FieldKind.signature.rawValue:
            switch text.lowercased() {
            case "j", "ja": return .success("true")
            case "n", "nej": return .success("false")
            default: return .failure(InputProblem("Svara j (underskrift finns) eller n (ingen underskrift)."))
            }
        default:
            return .success(text)
        }
    }

    static func parseChoice(_ text: String, layout: FieldLayout?) -> Result<String?, InputProblem> {
        let options = layout?.options ?? []
        var chosen: [String] = []
        for part in text.split(whereSeparator: { $0 == "," || $0 == " " }) {
            let token = part.lowercased()
            if let number = Int(token), options.indices.contains(number - 1) {
                chosen.append(options[number - 1].value)
            } else if let option = options.first(where: { $0.value.lowercased() == token || $0.label.lowercased() == token }) {
                chosen.append(option.value)
            } else {
                return .failure(InputProblem("Okänt alternativ \"\(part)\": välj 1–\(options.count)."))
            }
        }
        if chosen.count > 1 && layout?.multiple != true {
            return .failure(InputProblem("Bara ett alternativ får väljas."))
        }
        var unique: [String] = []
        for value in options.map(\.value) where chosen.contains(value) { unique.append(value) }
        return .success(encodeArray(unique))
    }

    static func decodeArray(_ text: String) -> [String] {
        guard let data = text.data(using: .utf8) else { return [] }
        return (try? JSONDecoder().decode([String].self, from: data)) ?? [text]
    }

    static func encodeArray(_ values: [String]) -> String {
        (try? String(decoding: JSONEncoder().encode(values), as: UTF8.self)) ?? "[]"
    }
}

/// Why a typed answer cannot be stored (Swedish, shown to the clerk).
public struct InputProblem: Error, Equatable, Sendable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
}
