import FormKit
import Foundation

/// CSV for Swedish Excel: UTF-8 with a byte order mark, `;` between values,
/// CRLF line ends, values quoted as RFC 4180 says (when they hold `;`, `"`,
/// CR or LF, with `"` doubled). One table per form.
public enum ExportCSV {
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The fixed columns before the form's own fields.
    static let leadingColumns = ["source", "page", "sheet", "row", "status"]
    /// The columns after them: fields to check, then who did what.
    static let trailingColumns = ["granska", "verified_by", "verified_at", "registered_at", "registered_by",
                                  "registered_system"]

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
                let id = StatusRules.definitionID(key)
                if !columns.contains(id) { columns.append(id) }
            }
        }
        var lines = [leadingColumns + columns + trailingColumns]
        for r in records {
            var values: [String: String] = [:]
            var review: [String] = []
            for (key, field) in r.fields {
                let id = StatusRules.definitionID(key)
                values[id] = text(field.value)
                if field.review { review.append(id) }
            }
            let row: [String] = [r.source, String(r.page), r.sheet ?? "", r.row.map(String.init) ?? "", r.status]
                + columns.map { values[$0] ?? "" }
                + [review.sorted { (columns.firstIndex(of: $0) ?? 0) < (columns.firstIndex(of: $1) ?? 0) }
                    .joined(separator: ", "),
                   r.verifiedBy ?? "", r.verifiedAt ?? "", r.registeredAt ?? "", r.registeredBy ?? "",
                   r.registeredSystem ?? ""]
            lines.append(row)
        }
        var data = Data(byteOrderMark)
        for line in lines {
            data.append(Data((line.map(quote).joined(separator: ";") + "\r\n").utf8))
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

    public static func quote(_ value: String) -> String {
        guard value.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Owner-only files written atomically: a temporary file in the same folder,
/// flushed and renamed over the target.
public enum ExportFile {
    public static func write(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil,
                                             attributes: [.posixPermissions: 0o600]) else {
            throw ExportError.cannotWrite(url.path, "kan inte skapa en tillfällig fil i \(folder.path)")
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            defer { try? handle.close() }
            try handle.write(contentsOf: data)
            try handle.synchronize()
            chmod(temporary.path, 0o600)
            guard rename(temporary.path, url.path) == 0 else {
                throw ExportError.cannotWrite(url.path, String(cString: strerror(errno)))
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            if let error = error as? ExportError { throw error }
            throw ExportError.cannotWrite(url.path, String(describing: error))
        }
    }

    /// Creates `url` as an owner-only folder (0700) if it does not exist.
    public static func makeFolder(_ url: URL) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw ExportError.notAFolder(url.path) }
            return
        }
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw ExportError.cannotWrite(url.path, String(describing: error))
        }
    }
}

public enum ExportError: Error, CustomStringConvertible, Equatable {
    case cannotWrite(String, String)
    case notAFolder(String)

    public var description: String {
        switch self {
        case let .cannotWrite(path, why): return "Kan inte skriva \(path): \(why)"
        case .notAFolder(let path): return "\(path) finns redan och är ingen mapp; CSV-filerna skrivs i en mapp."
        }
    }
}
