import Drafts
import FormKit
import Foundation

/// Everything still to do after an outage (`avbrott worklist`): each record
/// not yet registered, grouped by system and handläggare and ordered by
/// deadline, with whom it is about and where its paper is; the USB sticks
/// still out; the ICA account.
public struct Worklist: Sendable, Encodable {
    public struct Item: Sendable, Encodable, Equatable {
        public var system: String
        /// The plan's deadline as text ("snarast när systemen fungerar igen", "inom en vecka").
        public var deadline: String
        /// The last day, when the deadline has one (ISO date).
        public var due: String?
        public var overdue: Bool
        public var form: String
        public var formTitle: String
        public var record: Int64
        public var personnummer: String?
        public var name: String?
        /// The handläggare (or whoever the form names as responsible).
        public var clerk: String?
        /// The document's own date (ISO date).
        public var date: String?
        /// utkast, granskad
        public var status: String
        /// Follow-up marks and what still needs a person.
        public var notes: [String]
        /// Checks that failed but were accepted at review, with who accepted them.
        public var warnings: [String]
        /// The sheet's printed number ("K7M3QX-0002", in its footer).
        public var sheet: String?
        public var row: Int?
        public var source: String
        public var page: Int
        /// Who registers, when the plan names a role.
        public var by: String?
        /// The form's short name ("Bilaga 3", "Beslut"), for the printed list.
        public var formLabel: String

        // Every key always present, null when unknown: other tools read a fixed shape.
        enum CodingKeys: String, CodingKey {
            case system, deadline, due, overdue, form, formTitle, formLabel, record, personnummer, name, clerk, date
            case status, notes, warnings, sheet, row, source, page, by
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(system, forKey: .system)
            try c.encode(deadline, forKey: .deadline)
            try c.encode(due, forKey: .due)
            try c.encode(overdue, forKey: .overdue)
            try c.encode(form, forKey: .form)
            try c.encode(formTitle, forKey: .formTitle)
            try c.encode(formLabel, forKey: .formLabel)
            try c.encode(record, forKey: .record)
            try c.encode(personnummer, forKey: .personnummer)
            try c.encode(name, forKey: .name)
            try c.encode(clerk, forKey: .clerk)
            try c.encode(date, forKey: .date)
            try c.encode(status, forKey: .status)
            try c.encode(notes, forKey: .notes)
            try c.encode(warnings, forKey: .warnings)
            try c.encode(sheet, forKey: .sheet)
            try c.encode(row, forKey: .row)
            try c.encode(source, forKey: .source)
            try c.encode(page, forKey: .page)
            try c.encode(by, forKey: .by)
        }
    }

    public struct Stick: Sendable, Encodable, Equatable {
        public var number: String
        public var holder: String
        public var workplace: String
        public var since: String?
        public var missing: String
        public var sheet: String?
        public var row: Int?
    }

    public struct ICA: Sendable, Encodable, Equatable {
        public var payments: Int
        public var total: Int?
        public var limit: Int?
        public var warnAt: Int?
        public var reconcile: Bool
        public var mismatches: Int
    }

    public var items: [Item]
    public var usb: [Stick]
    public var ica: ICA?

    /// Which records: a system (part of its name, any case), a handläggare
    /// (part of the name), only those past their deadline.
    public struct Filter: Sendable {
        public var system: String?
        public var clerk: String?
        public var overdueOnly = false
        public init(system: String? = nil, clerk: String? = nil, overdueOnly: Bool = false) {
            self.system = system
            self.clerk = clerk
            self.overdueOnly = overdueOnly
        }
    }
}

extension Worklist {
    public init(_ analysis: StatusAnalysis, forms: [FormDefinition], filter: Filter) {
        let s = analysis.summary
        let records = s.records
        let byID = Dictionary(forms.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let sheetRecords = Dictionary(
            records.filter { $0.row == nil }.map { ($0.pageID, $0) }, uniquingKeysWith: { a, _ in a })
        var warnings: [Int64: [String]] = [:]
        for w in s.acceptedWarnings {
            warnings[w.record.id, default: []].append("\(w.field): \(w.message) (godkänd av \(w.acceptedBy))")
        }
        var items: [Item] = []
        for d in s.unregistered {
            let r = d.record
            let form = byID[r.form]
            let who = ClientText(record: r, sheet: sheetRecords[r.pageID], fields: form?.client)
            var notes: [String] = []
            if r.followUp { notes.append("Uppföljning: " + (r.comment ?? "(ingen kommentar)")) }
            let toReview = r.fields.filter { $0.review && !$0.verified }.count
            if r.status == .draft {
                notes.append(
                    "Granskas först (avbrott review)"
                        + (toReview > 0 ? ": \(Swedish.count(toReview, "fält", "fält")) att granska" : ""))
            }
            let item = Item(
                system: d.system, deadline: d.deadline.swedishDescription, due: d.due?.description,
                overdue: d.overdue, form: r.form,
                formTitle: form.map { ($0.label.map { "\($0): " } ?? "") + $0.title }
                    ?? r.form,
                record: r.id, personnummer: who.personnummer, name: who.name, clerk: who.officer, date: who.date,
                status: r.status == .draft ? "utkast" : "granskad", notes: notes, warnings: warnings[r.id] ?? [],
                sheet: SheetID.printed(r.sheet), row: r.row, source: r.source, page: r.pageNumber, by: d.by,
                formLabel: form.map { $0.label ?? $0.title } ?? r.form)
            guard filter.matches(item) else { continue }
            items.append(item)
        }
        // By system, then handläggare, then deadline (the order summary.deadlines already has).
        let systems = Self.firstSeenOrder(items.map(\.system))
        self.items = items.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            return (systems[x.system] ?? 0, x.clerk ?? "\u{10FFFF}", a.offset)
                < (systems[y.system] ?? 0, y.clerk ?? "\u{10FFFF}", b.offset)
        }.map(\.element)
        usb = s.sticksOut.map { c in
            Stick(
                number: c.item, holder: c.holder, workplace: c.workplace, since: c.issued?.description,
                missing: c.missing ?? "", sheet: SheetID.printed(c.record.sheet), row: c.record.row)
        }
        let p = analysis.payments
        ica =
            p.count == 0
            ? nil
            : ICA(
                payments: p.count, total: p.lastTotal, limit: p.threshold, warnAt: p.warningLevel, reconcile: p.warn,
                mismatches: p.totalMismatches)
    }

    static func firstSeenOrder(_ values: [String]) -> [String: Int] {
        var order: [String: Int] = [:]
        for v in values where order[v] == nil { order[v] = order.count }
        return order
    }

    /// The JSON for other tools (keys documented in docs/worklist.md).
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }
}

extension Worklist.Filter {
    func matches(_ item: Worklist.Item) -> Bool {
        if overdueOnly && !item.overdue { return false }
        if let system, !Self.contains(item.system, system) { return false }
        if let clerk, !Self.contains(item.clerk ?? "", clerk) { return false }
        return true
    }

    /// Case- and accent-insensitive: "paraply" finds "Sociala system (Paraplyet)".
    static func contains(_ text: String, _ part: String) -> Bool {
        text.range(of: part, options: [.caseInsensitive, .diacriticInsensitive]) != nil
    }
}

/// Whom a record is about and who answers for it, as text, from the form's
/// `client` fields (the handläggare of a list row from its sheet's own fields).
struct ClientText {
    var name: String?
    var personnummer: String?
    var officer: String?
    var date: String?

    init(record: StoredRecord, sheet: StoredRecord?, fields: ClientFields?) {
        func text(_ id: String?, _ r: StoredRecord?) -> String? {
            guard let id, let value = r?.field(definition: id)?.value, !value.isEmpty else { return nil }
            return value.displayText()
        }
        name = text(fields?.name, record)
        personnummer = text(fields?.personnummer, record)
        officer = text(fields?.officer, record) ?? text(fields?.officer, sheet)
        date = text(fields?.date, record)
    }
}
