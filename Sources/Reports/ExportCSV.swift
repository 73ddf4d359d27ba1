import Drafts
import FormKit
import Foundation
import Haru

/// CSV for Swedish Excel: UTF-8 with a byte order mark, `;` between values,
/// CRLF line ends, values quoted as RFC 4180 says (when they hold `;`, `"`,
/// CR or LF, with `"` doubled). One table per form.
public enum ExportCSV {
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The fixed columns before the form's own fields.
    static let leadingColumns = ["source", "page", "sheet", "row", "status"]
    /// The columns after them: fields to check, then who did what.
    static let trailingColumns = [
        "granska", "verified_by", "verified_at", "registered_at", "registered_by",
        "registered_system",
    ]

    /// One CSV file's bytes per form that has records, keyed by form id.
    public static func tables(document: ExportDocument, forms: [FormDefinition]) -> [(form: String, data: Data)] {
        let byID = Dictionary(forms.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var order: [String] = []
        var grouped: [String: [ExportDocument.Record]] = [:]
        for record in document.records {
            if grouped[record.form] == nil { order.append(record.form) }
            grouped[record.form, default: []].append(record)
        }
        return order.map { id in (id, table(records: grouped[id] ?? [], form: byID[id])) }
    }

    /// The table of one form's records; columns from the form's field definitions.
    public static func table(records: [ExportDocument.Record], form: FormDefinition?) -> Data {
        var columns: [String] = form?.allFieldDefinitions.map(\.id) ?? []
        for record in records {
            for key in record.fields.keys.sorted() {
                let id = FieldIDs.definitionID(key)
                if !columns.contains(id) { columns.append(id) }
            }
        }
        var lines = [leadingColumns + columns + trailingColumns]
        for r in records {
            var values: [String: String] = [:]
            var review: [String] = []
            for (key, field) in r.fields {
                let id = FieldIDs.definitionID(key)
                values[id] = text(field.value)
                if field.review { review.append(id) }
            }
            let row: [String] =
                [r.source, String(r.page), r.sheet ?? "", r.row.map(String.init) ?? "", r.status]
                + columns.map { values[$0] ?? "" }
                + [
                    review.sorted { (columns.firstIndex(of: $0) ?? 0) < (columns.firstIndex(of: $1) ?? 0) }
                        .joined(separator: ", "),
                    r.verifiedBy ?? "", r.verifiedAt ?? "", r.registeredAt ?? "", r.registeredBy ?? "",
                    r.registeredSystem ?? "",
                ]
            lines.append(row)
        }
        var data = Data(byteOrderMark)
        for line in lines {
            data.append(Data((line.map(cell).joined(separator: ";") + "\r\n").utf8))
        }
        return data
    }

    /// A field value as a cell: choices joined by ", ", signatures ja/nej.
    static func text(_ value: ExportDocument.Value) -> String {
        switch value {
        case .text(let s): return s
        case .choices(let list): return list.joined(separator: ", ")
        case .flag(let b): return b ? "ja" : "nej"
        case .empty: return ""
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
