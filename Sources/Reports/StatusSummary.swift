import Drafts
import FormKit
import Foundation
import Haru

/// A record that must be registered in a social system, with its deadline.
public struct RecordDeadline: Sendable, Equatable {
    public var record: StoredRecord
    public var system: String
    public var deadline: Deadline
    public var due: CivilDate
    /// Not registered and past its due date.
    public var overdue: Bool
    /// Registered, but after its due date.
    public var registeredLate: Bool
}

/// What `avbrott status` shows: per form the sheets, records and their state,
/// and the pages and files that could not be used.
public struct StatusSummary: Sendable {
    public struct FormRow: Sendable {
        public var formID: String
        public var form: FormDefinition?
        /// Identified pages of the form (duplicates not counted).
        public var sheets: Int
        /// Records to be registered (a list's filled rows, a template's sheets).
        public var records: Int
        public var drafted: Int
        public var verified: Int
        public var registered: Int
        public var overdue: Int
        /// Unverified fields that a person must look at.
        public var fieldsToReview: Int
        /// Unverified fields that failed a validation rule.
        public var validationErrors: Int
        /// The due date of the form's records, when it has a deadline.
        public var due: CivilDate?

        public var title: String { form?.title ?? formID }
    }

    public var outage: OutageDates?
    public var today: CivilDate
    /// The audit chain's length and last hash, to write down.
    public var auditHead: AuditHead?
    public var forms: [FormRow]
    /// Pages that could not be identified or read (status unidentified or failed).
    public var unidentified: [StoredPage]
    public var duplicates: [StoredPage]
    /// Identified pages with nothing written on them: blank sheets, the binder's own pages.
    public var blank: [StoredPage]
    public var unreadableFiles: [ScanFile]
    /// Every record to be registered, with its deadline.
    public var deadlines: [RecordDeadline]
    public var pages: [StoredPage]

    public var overdue: [RecordDeadline] { deadlines.filter(\.overdue) }
    public var unregistered: [RecordDeadline] { deadlines.filter { $0.record.status != .registered } }
}

extension StatusSummary {
    /// Builds the summary from the store; `forms` gives each form's title and deadline.
    public init(store: DraftStore, forms: [FormDefinition], today: CivilDate = .today()) throws {
        self.init(
            pages: try store.pages(), records: try store.records(), unreadable: try store.unreadableFiles(),
            forms: forms, outage: try store.outageDates(), today: today)
        auditHead = try store.auditHead()
    }

    init(
        pages: [StoredPage], records: [StoredRecord], unreadable: [ScanFile], forms: [FormDefinition],
        outage: OutageDates?, today: CivilDate
    ) {
        let byID = Dictionary(forms.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.outage = outage
        self.today = today
        self.pages = pages
        unidentified = pages.filter { $0.status == .unidentified || $0.status == .failed }
        duplicates = pages.filter { $0.status == .duplicate }
        blank = pages.filter { $0.status == .identified && $0.blank }
        unreadableFiles = unreadable

        var deadlines: [RecordDeadline] = []
        for record in records {
            guard
                let deadline = Self.deadline(for: record, form: byID[record.form], outageEnd: outage?.end, today: today)
            else { continue }
            deadlines.append(deadline)
        }
        self.deadlines = deadlines

        var rows: [String: FormRow] = [:]
        func row(_ id: String) -> FormRow {
            rows[id]
                ?? FormRow(
                    formID: id, form: byID[id], sheets: 0, records: 0, drafted: 0, verified: 0,
                    registered: 0, overdue: 0, fieldsToReview: 0, validationErrors: 0,
                    due: outage.flatMap { byID[id]?.registration?.deadline.dueDate(outageEnded: $0.end) })
        }
        for page in pages where page.status == .identified && !page.blank {
            guard let form = page.form else { continue }
            var r = row(form)
            r.sheets += 1
            rows[form] = r
        }
        for record in records {
            var r = row(record.form)
            r.fieldsToReview += record.fields.filter { $0.review && !$0.verified }.count
            r.validationErrors += record.fields.filter { !$0.verified && $0.hasValidationError }.count
            rows[record.form] = r
        }
        for d in deadlines {
            var r = row(d.record.form)
            r.records += 1
            switch d.record.status {
            case .draft: r.drafted += 1
            case .verified: r.verified += 1
            case .registered: r.registered += 1
            }
            if d.overdue { r.overdue += 1 }
            rows[d.record.form] = r
        }
        let order = Dictionary(forms.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.forms = rows.values.sorted {
            (order[$0.formID] ?? .max, $0.formID) < (order[$1.formID] ?? .max, $1.formID)
        }
    }

    /// The deadline of a record that must be registered; nil for records that
    /// are not registered anywhere (a list sheet's footer, contacts, calibration).
    static func deadline(
        for record: StoredRecord, form: FormDefinition?, outageEnd: CivilDate?,
        today: CivilDate
    ) -> RecordDeadline? {
        guard let form, let registration = form.registration else { return nil }
        if form.kind == .list && record.row == nil { return nil }
        let due = outageEnd.map { registration.deadline.dueDate(outageEnded: $0) } ?? today
        let registeredOn = record.record.registeredAt
        return RecordDeadline(
            record: record, system: registration.system, deadline: registration.deadline, due: due,
            overdue: record.status != .registered && outageEnd != nil && today > due,
            registeredLate: registeredOn.map { $0 > due } ?? false)
    }
}
