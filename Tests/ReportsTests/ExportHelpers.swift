import Foundation
import Reports
import TestSupport

/// The export JSON as a test reads it: plain dictionaries, as an outside tool would.
struct ExportedWorkspace {
    let json: [String: Any]

    init(workspace: String) throws {
        let out = try runAvbrott(["export", "--format", "json", "--workspace", workspace])
        guard out.status == 0 else { throw FixtureError("export failed: \(out.errorText)") }
        guard let json = try JSONSerialization.jsonObject(with: out.stdout) as? [String: Any] else {
            throw FixtureError("export is not a JSON object")
        }
        self.json = json
    }

    var pages: [[String: Any]] { json["pages"] as? [[String: Any]] ?? [] }
    var records: [[String: Any]] { json["records"] as? [[String: Any]] ?? [] }

    /// Table rows (records with a row number) of `form`.
    func rows(_ form: String) -> [[String: Any]] {
        records.filter { $0["form"] as? String == form && !($0["row"] is NSNull) && $0["row"] != nil }
    }

    func record(id: Int64) -> [String: Any]? { records.first { ($0["id"] as? NSNumber)?.int64Value == id } }

    static func id(_ record: [String: Any]) -> Int64 { (record["id"] as? NSNumber)?.int64Value ?? -1 }

    static func value(_ record: [String: Any], _ field: String) -> Any? {
        ((record["fields"] as? [String: Any])?[field] as? [String: Any])?["value"]
    }

    static func string(_ record: [String: Any], _ field: String) -> String? { value(record, field) as? String }
}

extension String {
    func count(of needle: String) -> Int { components(separatedBy: needle).count - 1 }
}

func pdfText(_ path: String) throws -> String {
    try runToolChecked("pdftotext", ["-layout", path, "-"])
}

func mode(_ path: String) throws -> Int {
    (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
}

/// The JSON type of every field value, decoded strictly (a number is not a boolean).
enum JSONValueKinds {
    enum Kind: Equatable { case string, bool, list, null, other }

    struct Value: Decodable {
        let kind: Kind
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() {
                kind = .null
            } else if (try? c.decode(Bool.self)) != nil {
                kind = .bool
            } else if (try? c.decode(String.self)) != nil {
                kind = .string
            } else if (try? c.decode([String].self)) != nil {
                kind = .list
            } else {
                kind = .other
            }
        }
    }

    struct Field: Decodable { let value: Value }
    struct Record: Decodable {
        let id: Int64
        let fields: [String: Field]
    }
    struct Document: Decodable { let records: [Record] }

    /// Record id → field id → kind of its value.
    static func of(workspace: String) throws -> [Int64: [String: Kind]] {
        let out = try runAvbrott(["export", "--format", "json", "--workspace", workspace])
        let document = try JSONDecoder().decode(Document.self, from: out.stdout)
        return Dictionary(uniqueKeysWithValues: document.records.map { r in (r.id, r.fields.mapValues(\.value.kind)) })
    }
}
