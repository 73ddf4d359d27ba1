import Drafts
import FormKit
import Imaging
import Recognition

/// Groups a page's read fields into records and checks each record:
/// required fields, dates in order, start/end/minutes, running totals.
struct RecordBuilder {
    let form: FormDefinition

    func records(from fields: [ReadField]) -> [RecordDraft] {
        var sheetFields: [ReadField] = []
        var rows: [Int: [ReadField]] = [:]
        for field in fields {
            if let row = field.layout.row { rows[row, default: []].append(field) } else { sheetFields.append(field) }
        }
        var records: [RecordDraft] = []
        if !sheetFields.isEmpty {
            let checked = check(sheetFields, filled: form.kind != .list || sheetFields.contains(where: \.hasInk))
            records.append(RecordDraft(row: nil, fields: checked.map(draft)))
        }
        var previousTotal = carriedTotal(sheetFields)
        for row in rows.keys.sorted() {
            guard var rowFields = rows[row], rowFields.contains(where: \.hasInk) else { continue }
            rowFields = check(rowFields, filled: true)
            rowFields = checkRunningTotal(rowFields, previous: &previousTotal)
            records.append(RecordDraft(row: row, fields: rowFields.map(draft)))
        }
        return records
    }

    func draft(_ f: ReadField) -> FieldDraft {
        FieldDraft(fieldID: f.layout.id, kind: f.layout.kind.rawValue, pattern: f.layout.pattern?.rawValue,
                   value: f.value, confidence: f.confidence, review: f.review, alternatives: f.alternatives,
                   messages: f.messages, crop: try? PNGCodec.encode(f.crop, scale: 0.5))
    }

    /// Required fields and the form's date-order, duration and sum checks. A
    /// duration that does not hold flags its start, end and minutes, dates out
    /// of order flag both dates.
    func check(_ fields: [ReadField], filled: Bool) -> [ReadField] {
        var fields = fields
        func index(_ definition: String) -> Int? { Self.index(of: definition, in: fields) }
        if filled {
            for i in fields.indices where fields[i].layout.required && fields[i].value == nil {
                fields[i].flag("Obligatoriskt fält saknas eller kunde inte läsas")
            }
        }
        for check in form.checks {
            switch check {
            case let .dateOrder(earlier, later):
                // Either date may be the misread one: both go to a person.
                if let a = index(earlier), let b = index(later), let x = fields[a].value, let y = fields[b].value, x > y {
                    fields[b].flag("Datumet är före \(fields[a].layout.label.lowercased()) (\(x))")
                    fields[a].flag("Datumet är efter \(fields[b].layout.label.lowercased()) (\(y))")
                }
            case let .duration(start, end, minutes):
                guard let s = index(start), let e = index(end), let m = index(minutes),
                      let from = Self.minutes(fields[s].value), let to = Self.minutes(fields[e].value),
                      let written = fields[m].value.flatMap({ Int($0) }) else { continue }
                let expected = to >= from ? to - from : to + 24 * 60 - from
                if expected != written {
                    // Any of the three may be the misread or miswritten one: a person checks all three.
                    let message = "Minuterna stämmer inte med start och slut: \(Self.clock(from))–\(Self.clock(to)) är \(expected) min"
                    for i in [s, e, m] { fields[i].flag(message) }
                }
            case let .sum(parts, total):
                checkSum(&fields, parts: parts, total: total)
            case .runningTotal:
                continue
            }
        }
        return fields
    }

    /// The parts must add up to the total (an empty part is 0): the total is
    /// flagged when they do not. A sum that holds confirms the fields
    /// `AmountConfirmation` says it can.
    func checkSum(_ fields: inout [ReadField], parts: [String], total: String) {
        guard let t = Self.index(of: total, in: fields), let written = fields[t].value.flatMap({ Int($0) }) else { return }
        let indices = parts.compactMap { Self.index(of: $0, in: fields) }
        // A part written but not read cannot take part in the sum.
        guard indices.count == parts.count, indices.allSatisfy({ fields[$0].value != nil || !fields[$0].hasInk }) else {
            return
        }
        let values = indices.map { fields[$0].value.flatMap { Int($0) } }
        guard let confirmed = AmountConfirmation.confirmed(parts: values.map { $0.map(String.init) }, total: String(written)) else {
            let terms = values.map { String($0 ?? 0) }.joined(separator: " + ")
            fields[t].flag("Summan ska vara \(terms) = \(values.reduce(0) { $0 + ($1 ?? 0) }) kr")
            return
        }
        for (i, confirmed) in zip(indices + [t], confirmed.parts + [confirmed.total]) where confirmed {
            fields[i].releaseBySum()
        }
    }

    /// The position of the field defined as `definition` (e.g. `belopp` for `r03.belopp`).
    static func index(of definition: String, in fields: [ReadField]) -> Int? {
        fields.firstIndex { $0.layout.definitionID == definition }
    }

    /// Each row's total must be the previous total plus the row's amount;
    /// near the threshold a reconciliation is due. A sum that holds confirms
    /// the row's amount when `AmountConfirmation` says it can.
    func checkRunningTotal(_ fields: [ReadField], previous: inout Int?) -> [ReadField] {
        var fields = fields
        for case let .runningTotal(amount, total, threshold, _, _) in form.checks {
            guard let a = Self.index(of: amount, in: fields), let t = Self.index(of: total, in: fields) else { continue }
            let value = fields[a].value.flatMap { Int($0) }
            let written = fields[t].value.flatMap { Int($0) }
            if let value, let written, let before = previous {
                if before + value != written {
                    fields[t].flag("Totalen ska vara \(before) + \(value) = \(before + value) kr")
                } else if AmountConfirmation.confirms(before: before, amount: String(value), total: String(written)) {
                    fields[a].releaseBySum()
                }
            }
            if let written, let threshold, written >= threshold * 9 / 10 {
                fields[t].messages.append("Totalen närmar sig \(threshold) kr: avstämning med redovisningsansvarig eller ekonomichef")
            }
            previous = written ?? value.flatMap { v in previous.map { $0 + v } }
        }
        return fields
    }

    /// The total the sheet's first row continues from: the form's carried-over
    /// field, or 0 when it has none (or it is empty); nil without a running total.
    func carriedTotal(_ sheetFields: [ReadField]) -> Int? {
        for case let .runningTotal(_, _, _, carried, _) in form.checks {
            let field = carried.flatMap { id in sheetFields.first { $0.layout.definitionID == id } }
            return field?.value.flatMap { Int($0) } ?? 0
        }
        return nil
    }

    static func minutes(_ time: String?) -> Int? {
        guard let time else { return nil }
        let parts = time.split(separator: ":")
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        return h * 60 + m
    }

    static func clock(_ minutes: Int) -> String {
        let h = minutes / 60, m = minutes % 60
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }
}
