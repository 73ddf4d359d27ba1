import Drafts
import FormKit
import Foundation
import Haru

/// The figures the management group looks at after a long outage: what was
/// produced, decided and paid, which USB sticks came back, what is still to
/// be registered. Holds no client names and no personnummer.
public struct StatusAnalysis: Sendable {
    public struct Count: Sendable, Equatable {
        public var label: String
        public var count: Int
    }

    public struct Decisions: Sendable, Equatable {
        public var total = 0
        public var registered = 0
        public var overdue = 0
        /// Decisions per beslutsdatum (unreadable dates under nil).
        public var perDay: [String: Int] = [:]
    }

    public struct Payment: Sendable, Equatable {
        public var source: String
        public var page: Int
        public var row: Int?
        public var date: String?
        public var voucher: String?
        public var amount: Int?
        public var total: Int?
    }

    public struct Payments: Sendable, Equatable {
        public var count = 0
        /// Sum of the amounts that could be read.
        public var sum = 0
        public var unreadAmounts = 0
        /// The last running total written (or computed).
        public var lastTotal: Int?
        public var threshold: Int?
        /// Rows whose running total crossed 90 % of a multiple of the threshold:
        /// a reconciliation with the finance officer was due there.
        public var reconciliations: [Payment] = []
        /// Rows whose written total is not previous total + amount.
        public var totalMismatches = 0
    }

    public struct Stick: Sendable, Equatable {
        public var number: String?
        public var handedOut: String?
        public var returned: String?
        public var isReturned: Bool
    }

    public var summary: StatusSummary
    /// Bilaga 4's "Vad har upprättats", per option.
    public var documentTypes: [Count]
    /// Template sheets per form (beslut, journalanteckningar, ...).
    public var templates: [Count]
    public var decisions: Decisions
    public var payments: Payments
    public var sticks: [Stick]
}

extension StatusAnalysis {
    public init(store: DraftStore, forms: [FormDefinition], today: CivilDate = .today()) throws {
        let summary = try StatusSummary(store: store, forms: forms, today: today)
        self.init(summary: summary, records: try store.records(), forms: forms)
    }

    init(summary: StatusSummary, records: [StoredRecord], forms: [FormDefinition]) {
        self.summary = summary
        let byID = Dictionary(forms.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func rows(_ form: String) -> [StoredRecord] { records.filter { $0.form == form && $0.row != nil } }
        func value(_ r: StoredRecord, _ id: String) -> String? { r.value(id).canonicalText }

        // Document types from bilaga 4's choice column.
        let options = byID["bilaga-4"]?.allFieldDefinitions.first { $0.id == "vad" }?.options ?? []
        var typeCounts: [String: Int] = [:]
        for r in rows("bilaga-4") {
            let chosen = r.value("vad").chosen
            if chosen.isEmpty { typeCounts["", default: 0] += 1 }
            for c in chosen { typeCounts[c, default: 0] += 1 }
        }
        var types = options.map { Count(label: Self.optionName($0), count: typeCounts[$0.value] ?? 0) }
        for (key, n) in typeCounts.sorted(by: { $0.key < $1.key }) where !options.contains(where: { $0.value == key }) {
            types.append(Count(label: key.isEmpty ? "ej ikryssat" : key, count: n))
        }
        documentTypes = types
        templates = summary.forms.filter { $0.form?.kind == .template }.map { Count(label: $0.title, count: $0.sheets) }

        // Decisions (bilaga 3).
        var decisions = Decisions()
        let decisionDeadlines = summary.deadlines.filter { $0.record.form == "bilaga-3" }
        for d in decisionDeadlines {
            decisions.total += 1
            if d.record.status == .registered { decisions.registered += 1 }
            if d.overdue { decisions.overdue += 1 }
            decisions.perDay[value(d.record, "beslutsdatum") ?? "okänt datum", default: 0] += 1
        }
        self.decisions = decisions

        // Payments (bilaga 5), in page order, with the running total.
        var payments = Payments()
        let check =
            byID["bilaga-5"]?.checks.compactMap { c -> (String, String, Int?)? in
                if case .runningTotal(let amount, let total, let threshold, _, _) = c {
                    return (amount, total, threshold)
                }
                return nil
            }.first ?? ("belopp", "totalt", 75_000)
        payments.threshold = check.2
        var previous: Int?
        for r in rows("bilaga-5") {
            let amount = r.value(check.0).kronor
            let written = r.value(check.1).kronor
            payments.count += 1
            if let amount { payments.sum += amount } else { payments.unreadAmounts += 1 }
            if let written, let amount, let before = previous, before + amount != written {
                payments.totalMismatches += 1
            }
            let total = written ?? amount.flatMap { a in previous.map { $0 + a } }
            if let threshold = check.2, let total, Self.level(total, threshold) > Self.level(previous ?? 0, threshold) {
                payments.reconciliations.append(
                    Payment(
                        source: r.source, page: r.pageNumber, row: r.row,
                        date: value(r, "datum"), voucher: value(r, "verifikation"),
                        amount: amount, total: total))
            }
            previous = total ?? previous
        }
        payments.lastTotal = previous
        self.payments = payments

        // USB sticks (bilaga 2).
        sticks = rows("bilaga-2").map { r in
            let back = value(r, "ater_datum")
            return Stick(
                number: value(r, "usb_nummer"), handedOut: value(r, "utlamning_datum"), returned: back,
                isReturned: back != nil || r.value("ater_signatur") == .signature(true))
        }
    }

    /// How many reconciliation points (90 % of 1, 2, 3 … × threshold) `total` has reached.
    static func level(_ total: Int, _ threshold: Int) -> Int {
        guard threshold > 0 else { return 0 }
        var k = 0
        while total >= (k + 1) * threshold - threshold / 10 { k += 1 }
        return k
    }

    /// An option's readable name: its label, unless the label is abbreviated.
    static func optionName(_ option: ChoiceOption) -> String {
        switch option.value {
        case "journalanteckning": return "Journalanteckning"
        case "genomforandeplan": return "Genomförandeplan"
        default: return option.label.hasSuffix(".") ? option.value : option.label
        }
    }
}
