import Drafts
import FormKit
import Foundation
import Haru

/// A record that must be registered in a social system, with its deadline.
public struct RecordDeadline: Sendable, Equatable {
    public var record: StoredRecord
    public var system: String
    public var deadline: Deadline
    /// Who registers, when the plan names a role.
    public var by: String?
    /// The last day; nil where the plan gives none ("snarast", or no deadline).
    public var due: CivilDate?
    /// The day the list is ordered by: the due day, else the outage's end.
    public var sortDay: CivilDate?
    /// Not registered and past its due date.
    public var overdue: Bool
    /// Registered, but after its due date.
    public var registeredLate: Bool

    /// The deadline as a clerk reads it: "2026-10-23" or "snarast när systemen fungerar igen".
    public var dueText: String { due?.description ?? deadline.swedishDescription }
}

/// One thing handed out and returned (a bilaga 2 USB stick).
public struct CustodyItem: Sendable, Equatable {
    public var record: StoredRecord
    public var item: String
    public var holder: String
    public var workplace: String
    public var issued: CivilDate?
    public var returned: CivilDate?
    /// What is missing before it is back, entered and wiped; nil when it is.
    public var missing: String?
    public var isOut: Bool { missing != nil }
}

/// A check a clerk let pass: the field was verified although it failed a rule.
public struct AcceptedWarning: Sendable, Equatable {
    public var record: StoredRecord
    public var field: String
    public var message: String
    public var acceptedBy: String
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
        /// The form's routes for the unit's type: where and by when.
        public var routes: [RegistrationRoute]
        /// Fields verified although a check failed.
        public var acceptedWarnings: Int

        /// "Sociala system (Paraplyet), snarast när systemen fungerar igen"; several routes joined.
        public var routesText: String {
            if let custody = form?.custody {
                return "registreras inte; återlämnas till \(custody.returnToName)"
            }
            guard !routes.isEmpty else {
                return form?.registration == nil ? "–" : "planen anger inget för den här enhetstypen"
            }
            return routes.map { route in
                let when = route.condition.flatMap { c in form.map { " om \($0.conditionText(c))" } } ?? ""
                return "\(route.system)\(when), \(route.deadline.swedishDescription)"
            }.joined(separator: "; ")
        }

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
    /// Every record, read once for everything built on the summary (analysis, worklist, purge).
    public var records: [StoredRecord]

    /// Bilaga 2's sticks, out and back.
    public var custody: [CustodyItem]
    /// Fields verified although a check failed, by record.
    public var acceptedWarnings: [AcceptedWarning]
    /// The unit type the routes are chosen for.
    public var unit: UnitType

    public var overdue: [RecordDeadline] { deadlines.filter(\.overdue) }
    public var sticksOut: [CustodyItem] { custody.filter(\.isOut) }
    public var unregistered: [RecordDeadline] { deadlines.filter { $0.record.status != .registered } }
}

extension StatusSummary {
    /// Builds the summary from the store; `forms` gives each form's title and
    /// routes, `unit` the unit type they are chosen for.
    public init(store: DraftStore, forms: [FormDefinition], unit: UnitType, today: CivilDate = .today()) throws {
        self.init(
            pages: try store.pages(), records: try store.records(), unreadable: try store.unreadableFiles(),
            forms: forms, unit: unit, outage: try store.outageDates(), today: today)
        auditHead = try store.auditHead()
    }

    init(
        pages: [StoredPage], records: [StoredRecord], unreadable: [ScanFile], forms: [FormDefinition],
        unit: UnitType, outage: OutageDates?, today: CivilDate
    ) {
        let byID = Dictionary(forms.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.outage = outage
        self.today = today
        self.unit = unit
        self.pages = pages
        self.records = records
        unidentified = pages.filter { $0.status == .unidentified || $0.status == .failed }
        duplicates = pages.filter { $0.status == .duplicate }
        blank = pages.filter { $0.status == .identified && $0.blank }
        unreadableFiles = unreadable

        var deadlines: [RecordDeadline] = []
        var custody: [CustodyItem] = []
        var warnings: [AcceptedWarning] = []
        for record in records {
            guard let form = byID[record.form] else { continue }
            if let d = Self.deadline(for: record, form: form, unit: unit, outageEnd: outage?.end, today: today) {
                deadlines.append(d)
            }
            if let rule = form.custody, record.row != nil {
                custody.append(Self.custodyItem(record, rule))
            }
            let labels = Dictionary(
                form.allFieldDefinitions.map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a })
            for field in record.fields where field.verified && field.hasValidationError {
                for note in field.notes where note.kind == .invalid {
                    warnings.append(
                        AcceptedWarning(
                            record: record, field: labels[field.definitionID] ?? field.fieldID, message: note.text,
                            acceptedBy: field.verifiedBy ?? "?"))
                }
            }
        }
        self.deadlines = deadlines.sorted { a, b in
            (a.sortDay?.dayNumber ?? .max, a.record.id) < (b.sortDay?.dayNumber ?? .max, b.record.id)
        }
        self.custody = custody
        acceptedWarnings = warnings

        var rows: [String: FormRow] = [:]
        func row(_ id: String) -> FormRow {
            rows[id]
                ?? FormRow(
                    formID: id, form: byID[id], sheets: 0, records: 0, drafted: 0, verified: 0,
                    registered: 0, overdue: 0, fieldsToReview: 0, validationErrors: 0,
                    routes: byID[id]?.registration?.routes.filter { $0.units.contains(unit) } ?? [],
                    acceptedWarnings: 0)
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
            r.acceptedWarnings += record.fields.filter { $0.verified && $0.hasValidationError }.count
            // Every record a person deals with: a list's rows, a template's sheet.
            if let form = byID[record.form], form.kind == .list ? record.row != nil : form.kind == .template {
                r.records += 1
                switch record.status {
                case .draft: r.drafted += 1
                case .verified: r.verified += 1
                case .registered: r.registered += 1
                }
            }
            rows[record.form] = r
        }
        for d in deadlines where d.overdue {
            rows[d.record.form]?.overdue += 1
        }
        let order = Dictionary(forms.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.forms = rows.values.sorted {
            (order[$0.formID] ?? .max, $0.formID) < (order[$1.formID] ?? .max, $1.formID)
        }
    }

    /// The deadline of a record that must be registered; nil for records that
    /// are not registered anywhere (a list sheet's own fields, contacts,
    /// calibration, USB sticks). A record of a registered form for which the
    /// plan names no route for this unit's type (a sheet of another unit's
    /// binder) is kept, under a system that says so: it is never dropped.
    static func deadline(
        for record: StoredRecord, form: FormDefinition, unit: UnitType, outageEnd: CivilDate?,
        today: CivilDate
    ) -> RecordDeadline? {
        guard form.registration != nil, form.kind != .list || record.row != nil else { return nil }
        let route =
            record.route(form: form, unit: unit)
            ?? RegistrationRoute(
                units: [unit], system: "Okänt: planen anger inget för \(unit.swedishName.lowercased())",
                deadline: .none)
        let due = outageEnd.flatMap { route.deadline.dueDate(outageEnded: $0) }
        let registeredOn = record.record.registeredAt
        return RecordDeadline(
            record: record, system: route.system, deadline: route.deadline, by: route.by, due: due,
            sortDay: due ?? outageEnd,
            overdue: record.status != .registered && due.map { today > $0 } == true,
            registeredLate: zip(registeredOn, due).map { $0 > $1 } ?? false)
    }

    static func custodyItem(_ record: StoredRecord, _ rule: Custody) -> CustodyItem {
        let missing = record.status == .registered ? nil : record.custodyMissing(rule)
        return CustodyItem(
            record: record, item: record.value(rule.item).displayText(),
            holder: record.value(rule.holder).displayText(),
            workplace: rule.workplace.map { record.value($0).displayText() } ?? "",
            issued: rule.issued.flatMap { record.value($0).date }, returned: record.value(rule.returned).date,
            missing: missing)
    }
}

private func zip<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}
