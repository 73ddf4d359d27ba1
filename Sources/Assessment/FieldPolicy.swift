import FormKit

/// Every threshold that decides whether a field goes to a person, in one
/// place. `FieldAssessor` applies them to readings, review and entry ask them
/// how a value must be confirmed. Where each number comes from (which data,
/// which figures) is in `docs/field-policy.md`; change them there and here
/// together.
public struct FieldPolicy: Sendable, Equatable {
    /// A digits field's best valid reading must have this probability among the valid readings.
    public var minimumDigitProbability = 0.95
    /// The best reading's joint probability per box (geometric mean) must reach this.
    public var minimumDigitBoxProbability = 0.5
    /// The least sure box of a personnummer: its check digit catches a single misread.
    public var personnummerBoxMinimum = 0.8
    /// A field read as empty goes to a person when a box is blank with less than this.
    public var minimumBlankOfEmptyField = 0.8
    public var minimumCheckboxConfidence = 0.75
    public var minimumSignatureConfidence = 0.75
    /// Tesseract is often sure and wrong on handwriting: text needs this much.
    public var minimumTextConfidence = 0.93
    /// The confidence given to a ruled area of handwriting with ink (a person always transcribes it).
    public var writtenFreeTextConfidence = 0.2
    /// The confidence given to a ruled area that looks empty (a person checks it).
    public var emptyFreeTextConfidence = 0.5
    /// Patterns where a wrong digit files a note on the wrong person or pays the wrong amount:
    /// a person who checks an unsure one types it from the image without seeing the reading.
    public var highRiskPatterns: Set<DigitPattern> = [.personnummer, .amount, .number]

    public init() {}

    public static let standard = FieldPolicy()

    /// The least probability every box of a field of `pattern` must have, given
    /// the digit model's own per-digit threshold.
    public func boxMinimum(_ pattern: DigitPattern, modelThreshold: Double) -> Double {
        pattern == .personnummer
            ? min(personnummerBoxMinimum, modelThreshold) : max(Self.withoutCheckDigit(pattern), modelThreshold)
    }

    /// The per-box minimum of a field without a check digit.
    public static func withoutCheckDigit(_ pattern: DigitPattern) -> Double {
        switch pattern {
        case .number: return 0.983
        case .date, .time, .amount, .personnummer: return 0.975
        }
    }

    /// Whether every written value of `pattern` goes to a person (unless a sum confirms it).
    public func alwaysReviewed(_ pattern: DigitPattern) -> Bool { pattern == .amount }

    /// How a person confirms a field that is not yet verified.
    public enum Confirmation: Sendable, Equatable {
        /// Enter accepts the value as read.
        case accept
        /// The reading was doubted: the person types the value from the image
        /// (the reading is shown beside it) or marks the field unreadable;
        /// Enter alone accepts nothing, so a tired hand cannot wave it through.
        case type
        /// The person types the value from the image without seeing the reading (double entry).
        case typeBlind
    }

    public func confirmation(
        kind: FieldKind, pattern: DigitPattern?, needsReview: Bool,
        confidence: Double
    ) -> Confirmation {
        if kind == .digits, highRiskPatterns.contains(pattern ?? .number),
            needsReview || confidence < minimumDigitProbability
        {
            return .typeBlind
        }
        return needsReview ? .type : .accept
    }

    /// How a confidence is shown: sure, middling, weak.
    public enum Band: Sendable { case high, medium, low }

    public func band(confidence: Double, needsReview: Bool) -> Band {
        if confidence >= minimumDigitProbability && !needsReview { return .high }
        return confidence >= minimumCheckboxConfidence ? .medium : .low
    }
}
