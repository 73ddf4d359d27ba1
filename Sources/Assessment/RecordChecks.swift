import FormKit

/// One field of a record being checked: what the form says of it and its assessment.
public struct CheckedField: Sendable {
    /// The definition's id (the column id for a table row's field).
    public var definitionID: String
    public var label: String
    public var required: Bool
    public var assessment: FieldAssessment

    public init(definitionID: String, label: String, required: Bool, assessment: FieldAssessment) {
        self.definitionID = definitionID
        self.label = label
        self.required = required
        self.assessment = assessment
    }
}

/// The checks across the fields of one record (a table row, or a sheet's own
/// fields) and across the rows of a list: required fields, dates in order,
/// start/end/minutes, sums and running totals. The one place that decides
/// them, for scanned and typed records alike.
public struct RecordChecks: Sendable {
    public let checks: [CrossCheck]

    public init(checks: [CrossCheck]) { self.checks = checks }

    public init(form: FormDefinition) { self.init(checks: form.checks) }

    /// Required fields (when the record is filled at all) and the form's
    /// date-order, duration and sum checks. Where any of several fields may be
    /// the misread one, all of them go to a person.
    public func check(_ fields: inout [CheckedField], filled: Bool) {
        func index(_ id: String) -> Int? { fields.firstIndex { $0.definitionID == id } }
        if filled {
            for i in fields.indices where fields[i].required && fields[i].assessment.value.isEmpty {
                fields[i].assessment.flag(FieldNote(.invalid, "Obligatoriskt fält saknas eller kunde inte läsas"))
            }
        }
        for check in checks {
            switch check {
            case .dateOrder(let earlier, let later):
                guard let a = index(earlier), let b = index(later), let x = fields[a].assessment.value.date,
                    let y = fields[b].assessment.value.date, x > y
                else { continue }
                fields[b].assessment.flag(FieldNote(.invalid, "Datumet är före \(fields[a].label.lowercased()) (\(x))"))
                fields[a].assessment.flag(
                    FieldNote(.invalid, "Datumet är efter \(fields[b].label.lowercased()) (\(y))"))
            case .duration(let start, let end, let minutes):
                guard let s = index(start), let e = index(end), let m = index(minutes),
                    let from = fields[s].assessment.value.time, let to = fields[e].assessment.value.time,
                    let written = Self.whole(fields[m].assessment.value)
                else { continue }
                let expected = from.minutes(until: to)
                guard expected != written else { continue }
                let note = FieldNote(
                    .invalid, "Minuterna stämmer inte med start och slut: \(from)–\(to) är \(expected) min")
                for i in [s, e, m] { fields[i].assessment.flag(note) }
            case .sum(let parts, let total):
                checkSum(&fields, parts: parts, total: total)
            case .runningTotal:
                continue
            }
        }
    }

    /// The parts must add up to the total (an empty part is 0); a sum that
    /// holds confirms the amounts `AmountConfirmation` says it can.
    func checkSum(_ fields: inout [CheckedField], parts: [String], total: String) {
        guard let t = fields.firstIndex(where: { $0.definitionID == total }),
            let written = fields[t].assessment.value.kronor
        else { return }
        let indices = parts.compactMap { id in fields.firstIndex { $0.definitionID == id } }
        // A part written but not read cannot take part in the sum.
        guard indices.count == parts.count,
            indices.allSatisfy({ !fields[$0].assessment.value.isEmpty || !fields[$0].assessment.hasInk })
        else { return }
        let values = indices.map { fields[$0].assessment.value.kronor }
        guard
            let confirmed = AmountConfirmation.confirmed(
                parts: values.map { $0.map(String.init) },
                total: String(written))
        else {
            let terms = values.map { String($0 ?? 0) }.joined(separator: " + ")
            fields[t].assessment.flag(
                FieldNote(.invalid, "Summan ska vara \(terms) = \(values.reduce(0) { $0 + ($1 ?? 0) }) kr"))
            return
        }
        for (i, confirmed) in zip(indices + [t], confirmed.parts + [confirmed.total]) where confirmed {
            fields[i].assessment.releaseBySum()
        }
    }

    /// Each row's total must be the previous total plus the row's amount (a
    /// sum that holds confirms the amount where it can); near the threshold
    /// a reconciliation is due. `previous` is carried from row to row.
    public func checkRunningTotal(_ fields: inout [CheckedField], previous: inout Int?) {
        for case .runningTotal(let amount, let total, let threshold, _, _) in checks {
            guard let a = fields.firstIndex(where: { $0.definitionID == amount }),
                let t = fields.firstIndex(where: { $0.definitionID == total })
            else { continue }
            let value = fields[a].assessment.value.kronor
            let written = fields[t].assessment.value.kronor
            if let value, let written, let before = previous {
                if before + value != written {
                    fields[t].assessment.flag(
                        FieldNote(.invalid, "Totalen ska vara \(before) + \(value) = \(before + value) kr"))
                } else if AmountConfirmation.confirms(before: before, amount: String(value), total: String(written)) {
                    fields[a].assessment.releaseBySum()
                }
            }
            if let written, let threshold, written >= threshold * 9 / 10 {
                fields[t].assessment.remind(
                    "Totalen närmar sig \(threshold) kr: avstämning med redovisningsansvarig eller ekonomichef")
            }
            previous = written ?? value.flatMap { v in previous.map { $0 + v } }
        }
    }

    /// The total a sheet's first row continues from: the form's carried-over
    /// field, or 0 when it has none (or it is empty); nil without a running total.
    public func carriedTotal(_ sheetFields: [CheckedField]) -> Int? {
        for case .runningTotal(_, _, _, let carried, _) in checks {
            let field = carried.flatMap { id in sheetFields.first { $0.definitionID == id } }
            return field?.assessment.value.kronor ?? 0
        }
        return nil
    }

    /// The note on a carried-over amount that is not the last total of the sheet before.
    public static func carriedOverNote(expected: Int, previousSheet: Int) -> FieldNote {
        FieldNote(.invalid, "Överfört belopp ska vara \(expected) kr: totalen på sista raden av blad \(previousSheet)")
    }

    /// A whole number from an amount or a number field (minutes are written as a number).
    static func whole(_ value: FieldValue) -> Int? {
        switch value {
        case .amount(let kronor): return kronor
        case .number(let digits): return Int(digits)
        default: return nil
        }
    }
}
