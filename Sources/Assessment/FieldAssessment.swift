import FormKit

/// Something said about a field's value, in Swedish, with what it means.
public struct FieldNote: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// The reading is unsure: a person compares it with the image.
        case uncertain
        /// The value breaks a rule (check digit, calendar, a sum, a required
        /// field, the order of two dates): a validation error.
        case invalid
        /// Worth knowing, no doubt about the value (a reconciliation is due).
        case reminder
    }

    public var kind: Kind
    public var text: String

    public init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }
}

/// The verdict on one field: its value, how sure it is, and whether a person
/// must look at it and why. Made only by `FieldAssessor` (from a reading)
/// and `RecordChecks` (across fields); everything else reads it.
public struct FieldAssessment: Sendable, Equatable {
    public var value: FieldValue
    /// How sure the reading is, 0–1 (for an empty digits field: how surely blank).
    public var confidence: Double
    /// Whether a person must look at the field before it is verified.
    public var needsReview: Bool
    public var notes: [FieldNote]
    /// Other valid readings, most likely first (digits fields).
    public var alternatives: [FieldValue]
    /// The boxes as read behind the value and its alternatives, best first,
    /// one character per box (a space for blank): a digits field is decoded
    /// from them again when what a date means changes (the outage's dates).
    public var boxReadings: [String]
    /// Whether anything at all is written in the field.
    public var hasInk: Bool
    /// The notes a sum on the form that confirms this amount takes back; nil
    /// when no sum may release the field (see `AmountConfirmation`).
    public var releasableBySum: [FieldNote]?

    public init(
        value: FieldValue, confidence: Double, needsReview: Bool, notes: [FieldNote] = [],
        alternatives: [FieldValue] = [], boxReadings: [String] = [], hasInk: Bool,
        releasableBySum: [FieldNote]? = nil
    ) {
        self.value = value
        self.confidence = confidence
        self.needsReview = needsReview
        self.notes = notes
        self.alternatives = alternatives
        self.boxReadings = boxReadings
        self.hasInk = hasInk
        self.releasableBySum = releasableBySum
    }

    /// Sends the field to a person with `note` (once).
    public mutating func flag(_ note: FieldNote) {
        if !notes.contains(note) { notes.append(note) }
        needsReview = true
    }

    /// Adds a note that sends nobody anywhere (a reminder).
    public mutating func remind(_ text: String) {
        let note = FieldNote(.reminder, text)
        if !notes.contains(note) { notes.append(note) }
    }

    /// Takes back the review that a confirming sum may release.
    public mutating func releaseBySum() {
        guard let releasable = releasableBySum else { return }
        notes.removeAll { releasable.contains($0) }
        needsReview = notes.contains { $0.kind != .reminder }
    }

    /// Whether a rule failed on the value (not merely an unsure reading).
    public var hasValidationError: Bool { notes.contains { $0.kind == .invalid } }
}
