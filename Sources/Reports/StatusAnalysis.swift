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
        /// The account's limit (the form's running-total threshold, 75 000 kr).
        public var threshold: Int?
        /// The unit's warning level (`ica_account.warn_at`), when it has one.
        public var warningLevel: Int?
        /// Rows where the running total reached the warning level (or a multiple
        /// of the limit): a reconciliation with the ekonomichef was due there.
        public var reconciliations: [Payment] = []
        /// Rows whose written total is not previous total + amount.
        public var mismatches: [Payment] = []
        /// Kronor per payment date and per decision maker.
        public var perDay: [String: Int] = [:]
        public var perDecisionMaker: [String: Int] = [:]

        public var totalMismatches: Int { mismatches.count }
        /// The total has reached the warning level.
        public var warn: Bool { zip(lastTotal, warningLevel ?? threshold).map { $0 >= $1 } ?? false }
    }

    public var summary: StatusSummary
    /// Bilaga 4's "Vad har upprättats", per option.
    public var documentTypes: [Count]
    /// Template sheets per form (beslut, journalanteckningar, ...).
    public var templates: [Count]
    public var decisions: Decisions
    public var payments: Payments
    public var sticks: [CustodyItem] { summary.custody }
}

extension StatusAnalysis {
    public init(
        store: DraftStore, forms: [FormDefinition], unit: UnitConfiguration, today: CivilDate = .today()
    ) throws {
        let summary = try StatusSummary(store: store, forms: forms, unit: unit.type, today: today)
        self.init(summary: summary, forms: forms, icaWarningLevel: unit.icaWarningLevel)
    }

    init(summary: StatusSummary, forms: [FormDefinition], icaWarningLevel: Int?) {
        self.summary = summary
        let records = summary.records
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
        payments.warningLevel = icaWarningLevel
        var previous: Int?
        for r in rows("bilaga-5") {
            let amount = r.value(check.0).kronor
            let written = r.value(check.1).kronor
            let payment = Payment(
                source: r.source, page: r.pageNumber, row: r.row, date: value(r, "datum"),
                voucher: value(r, "verifikation"), amount: amount, total: written)
            payments.count += 1
            if let amount {
                payments.sum += amount
                payments.perDay[value(r, "datum") ?? "okänt datum", default: 0] += amount
                let maker = r.value("beslutsfattare").displayText()
                payments.perDecisionMaker[maker.isEmpty ? "ej ifyllt" : maker, default: 0] += amount
            } else {
                payments.unreadAmounts += 1
            }
            if let written, let amount, let before = previous, before + amount != written {
                payments.mismatches.append(payment)
            }
            let total = written ?? amount.flatMap { a in previous.map { $0 + a } }
            if let threshold = check.2, let total,
                Self.level(total, threshold, warnAt: icaWarningLevel)
                    > Self.level(previous ?? 0, threshold, warnAt: icaWarningLevel)
            {
                var reached = payment
                reached.total = total
                payments.reconciliations.append(reached)
            }
            previous = total ?? previous
        }
        payments.lastTotal = previous
        self.payments = payments
    }

    /// How many reconciliation points `total` has reached: the warning level
    /// (the limit itself when the unit sets none), then each further limit.
    static func level(_ total: Int, _ threshold: Int, warnAt: Int?) -> Int {
        guard threshold > 0 else { return 0 }
        let margin = threshold - min(warnAt ?? threshold, threshold)
        var k = 0
        while total >= (k + 1) * threshold - margin { k += 1 }
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

private func zip<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}
