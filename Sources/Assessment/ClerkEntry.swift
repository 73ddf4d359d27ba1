import FormKit

/// What a field is, as far as typing a value into it goes.
public struct EntryField: Sendable {
    public var kind: FieldKind
    public var pattern: DigitPattern?
    public var options: [ChoiceOption]
    public var multiple: Bool
    public var required: Bool

    public init(
        kind: FieldKind, pattern: DigitPattern? = nil, options: [ChoiceOption] = [], multiple: Bool = false,
        required: Bool = false
    ) {
        self.kind = kind
        self.pattern = pattern
        self.options = options
        self.multiple = multiple
        self.required = required
    }
}

/// Why a typed answer cannot be stored (Swedish, shown to the person typing).
public struct InputProblem: Error, Equatable, Sendable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
}

/// A value typed by a person (in review, or at entry), checked with the same
/// rules as a reading: `PatternValidator` for digits, option numbers or
/// values for choices, j/n for signatures, `-` for empty.
public enum ClerkEntry {
    public static func parse(
        _ input: String, field: EntryField,
        context: DecodingContext
    ) -> Result<FieldValue, InputProblem> {
        let text = input.trimmingCharacters(in: .whitespaces)
        if text == "-" {
            if field.required {
                return .failure(
                    InputProblem(
                        "Fältet är obligatoriskt. Saknas värdet på papperet: markera posten för uppföljning."))
            }
            return .success(.empty)
        }
        if text.isEmpty { return .failure(InputProblem("Skriv ett värde, eller - för tomt.")) }
        switch field.kind {
        case .digits:
            let pattern = field.pattern ?? .number
            switch PatternValidator.validate(text, pattern: pattern, context: context) {
            case .success(let normalised):
                guard let value = try? FieldValue(canonicalText: normalised, kind: .digits, pattern: pattern) else {
                    return .failure(InputProblem("Värdet passar inte fältet."))
                }
                return .success(value)
            case .failure(let failure): return .failure(InputProblem(failure.reason))
            }
        case .choice:
            return choice(text, field: field)
        case .signature:
            switch text.lowercased() {
            case "j", "ja": return .success(.signature(true))
            case "n", "nej": return .success(.signature(false))
            default: return .failure(InputProblem("Svara j (underskrift finns) eller n (ingen underskrift)."))
            }
        case .text:
            return .success(.text(text))
        }
    }

    static func choice(_ text: String, field: EntryField) -> Result<FieldValue, InputProblem> {
        let options = field.options
        var chosen: Set<String> = []
        for part in text.split(whereSeparator: { $0 == "," || $0 == " " }) {
            let token = part.lowercased()
            if let number = Int(token), options.indices.contains(number - 1) {
                chosen.insert(options[number - 1].value)
            } else if let option = options.first(where: {
                $0.value.lowercased() == token || $0.label.lowercased() == token
            }) {
                chosen.insert(option.value)
            } else {
                return .failure(InputProblem("Okänt alternativ \"\(part)\": välj 1–\(options.count)."))
            }
        }
        if chosen.count > 1 && !field.multiple { return .failure(InputProblem("Bara ett alternativ får väljas.")) }
        let ordered = options.map(\.value).filter { chosen.contains($0) }
        return .success(ordered.isEmpty ? .empty : .choices(ordered))
    }

    /// How to answer for the field, shown beside the input.
    public static func hint(_ field: EntryField) -> String {
        switch field.kind {
        case .choice:
            let options = field.options.enumerated().map { "\($0.offset + 1)=\($0.element.label)" }
            let many = field.multiple ? " (flera: 1,3)" : ""
            return "Skriv alternativets nummer\(many): " + options.joined(separator: " ") + ", - för inget"
        case .signature:
            return "j = underskrift finns, n = ingen underskrift"
        case .digits:
            switch field.pattern ?? .number {
            case .personnummer: return "ÅÅMMDD-NNNN eller ÅÅÅÅMMDD-NNNN"
            case .date: return "ÅÅÅÅ-MM-DD eller ÅÅMMDD"
            case .time: return "TT:MM"
            case .amount: return "hela kronor"
            case .number: return "siffror"
            }
        case .text:
            return "fri text, - för tomt"
        }
    }
}
