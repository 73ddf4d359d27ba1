import Assessment
import Drafts
import FormKit

/// What review asks of a stored field. Every decision is the field policy's
/// (`FieldPolicy`) or the assessment's stored verdict; nothing is decided here.
enum FieldRules {
    static let policy = FieldPolicy.standard

    /// A field the assessment sent to a person, not yet verified.
    static func needsAttention(_ field: DraftField) -> Bool { field.review }

    /// Double entry: typed from the image without seeing the reading.
    static func needsDoubleEntry(_ field: DraftField) -> Bool {
        policy.confirmation(
            kind: field.kind, pattern: field.pattern, needsReview: field.review,
            confidence: field.confidence) == .typeBlind
    }

    /// The reading was doubted: Enter alone does not accept it; the clerk types the value or marks it unreadable.
    static func mustType(_ field: DraftField) -> Bool {
        policy.confirmation(
            kind: field.kind, pattern: field.pattern, needsReview: field.review,
            confidence: field.confidence) == .type
    }

    /// How sure the reading is, in words a clerk reads right: a doubted
    /// reading says so and shows no percentage (a field whose joint reading is
    /// "100 %" can still hold one box the recogniser was unsure of).
    static func certainty(_ field: DraftField, short: Bool) -> String {
        let percent = Int((field.confidence * 100).rounded())
        if field.review { return short ? "osäker" : "Tolkningen är osäker" }
        return short ? "\(percent) %" : "Sannolikhet att tolkningen är rätt: \(percent) procent"
    }

    static func band(_ field: DraftField) -> FieldPolicy.Band {
        policy.band(confidence: field.confidence, needsReview: field.review)
    }

    /// What typing into the field means, from its layout.
    static func entry(_ field: DraftField, layout: FieldLayout?) -> EntryField {
        EntryField(
            kind: field.kind, pattern: field.pattern,
            options: layout?.options.map { ChoiceOption(value: $0.value, label: $0.label) } ?? [],
            multiple: layout?.multiple ?? false, required: layout?.required ?? false)
    }

    /// The value as a person reads it.
    static func display(_ value: FieldValue, layout: FieldLayout?) -> String {
        value.displayText(options: layout?.options.map { ChoiceOption(value: $0.value, label: $0.label) } ?? [])
    }
}
