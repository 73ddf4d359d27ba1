import Drafts
import FormKit
import Foundation
import Haru

/// CSV for Excel in Sweden: UTF-8 with a byte order mark, `;` between
/// values, CRLF line ends, values quoted as RFC 4180 says (when they hold
/// `;`, `"`, CR or LF, with `"` doubled). A form's table rows are one file
/// (`bilaga-3.csv`), the sheet's own fields (a list's header and footer)
/// another (`bilaga-3-bladet.csv`); a template is one file, a row per sheet.
/// Headers are the labels printed on the form, values the printed option
/// texts, times Swedish local time. The JSON export stays for machines.
public enum ExportCSV {
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// One CSV file's name and bytes, per form and part that has records.
    public struct Table: Sendable {
        public var name: String
        public var data: Data
    }

    /// Where the fields of a record come from on the paper.
    public enum Part: Sendable { case rows, sheet }

    public static func tables(summary: StatusSummary, forms: [FormDefinition]) -> [Table] {
        let byID = Dictionary(forms.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let deadlines = Dictionary(summary.deadlines.map { ($0.record.id, $0) }, uniquingKeysWith: { a, _ in a })
        var order: [String] = []
        var grouped: [String: [StoredRecord]] = [:]
        for record in summary.records {
            let isRow = record.row != nil
            let key = record.form + (isRow || byID[record.form]?.kind != .list ? "" : "-bladet")
            if grouped[key] == nil { order.append(key) }
            grouped[key, default: []].append(record)
        }
        return order.map { key in
            let group = grouped[key] ?? []
            let form = group.first.flatMap { byID[$0.form] }
            return Table(
                name: key + ".csv",
                data: table(
                    records: group, form: form, part: group.first?.row == nil ? .sheet : .rows,
                    deadlines: deadlines))
        }
    }

    /// The field definitions that are columns of a part of a form, in the form's order.
    public static func columns(of form: FormDefinition?, part: Part) -> [FieldDefinition] {
        guard let form else { return [] }
        return form.blocks.flatMap { block -> [FieldDefinition] in
            switch block {
            case .table(let table): return part == .rows ? table.columns : []
            case .fields(let fields): return part == .sheet ? fields : []
            case .lines(let lines): return part == .sheet ? [lines.field] : []
            case .heading, .note, .calibration: return []
            }
        }
    }

    /// Printed labels as headers, under their printed group heading where they have one
    /// ("Inregistrerad i Paraplyet: Datum"); made unique with the field id if two still agree.
    public static func headers(_ definitions: [FieldDefinition]) -> [String] {
        let named = definitions.map { d in d.group.map { "\($0): \(d.label)" } ?? d.label }
        let counts = Dictionary(named.map { ($0, 1) }, uniquingKeysWith: +)
        return zip(named, definitions).map { name, d in counts[name, default: 0] > 1 ? "\(name) (\(d.id))" : name }
    }

    static func table(
        records: [StoredRecord], form: FormDefinition?, part: Part, deadlines: [Int64: RecordDeadline]
    ) -> Data {
        var definitions = columns(of: form, part: part)
        // Fields the definition no longer has (an older form version) are kept, under their id.
        var extra: [String] = []
        for record in records {
            for field in record.fields {
                let id = FieldIDs.definitionID(field.fieldID)
                if !definitions.contains(where: { $0.id == id }) && !extra.contains(id) { extra.append(id) }
            }
        }
        let labels = Dictionary(definitions.map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a })
        let leading = ["Fil", "Sida", "Blad"] + (part == .rows ? ["Rad"] : []) + ["Status"]
        let trailing = [
            "Att granska", "Uppföljning", "Kommentar", "Granskad av", "Granskad", "Registreras i", "Senast",
            "Registrerad", "Registrerad av",
        ]
        var lines = [leading + headers(definitions) + extra + trailing]
        for r in records {
            var values: [String: String] = [:]
            var review: [String] = []
            for field in r.fields {
                let id = FieldIDs.definitionID(field.fieldID)
                let options = definitions.first { $0.id == id }?.options ?? []
                values[id] = field.value == .empty ? "" : field.value.displayText(options: options)
                if field.review && !field.verified { review.append(labels[id] ?? id) }
            }
            let deadline = deadlines[r.id]
            var row: [String] = [
                r.source, String(r.pageNumber), r.sheet.flatMap(SheetID.init(payload:))?.printedID ?? "",
            ]
            if part == .rows { row.append(r.row.map(String.init) ?? "") }
            row.append(statusText(r.status))
            row += definitions.map { values[$0.id] ?? "" } + extra.map { values[$0] ?? "" }
            row += [
                review.joined(separator: ", "), r.followUp ? "ja" : "", r.comment ?? "",
                r.verifiers.joined(separator: ", "), r.record.verifiedAt.map(Swedish.localTime) ?? "",
                deadline?.system ?? "", deadline?.dueText ?? "",
                r.record.registeredAt?.description ?? "", r.record.registeredBy ?? "",
            ]
            lines.append(row)
        }
        var data = Data(byteOrderMark)
        for line in lines {
            data.append(Data((line.map(cell).joined(separator: ";") + "\r\n").utf8))
        }
        return data
    }

    static func statusText(_ status: RecordStatus) -> String {
        switch status {
        case .draft: return "utkast"
        case .verified: return "granskad"
        case .registered: return "registrerad"
        }
    }

    /// A value as a cell: neutralised, then quoted.
    public static func cell(_ value: String) -> String { quote(neutralised(value)) }

    /// A cell a spreadsheet would take for a formula (it starts with `=`,
    /// `+`, `-`, `@`, a tab or a carriage return) gets a leading apostrophe
    /// (OWASP's rule for CSV injection): a name written as `=HYPERLINK(…)`
    /// stays text. The JSON export keeps values exact.
    public static func neutralised(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else {
            return value
        }
        return "'" + value
    }

    public static func quote(_ value: String) -> String {
        guard value.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
