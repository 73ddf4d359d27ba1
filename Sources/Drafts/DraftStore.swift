import Foundation
import GRDB

/// The drafts database of a workspace. Every write is one transaction, so a
/// crash (even kill -9) leaves either all of a page or none of it. WAL mode
/// lets several processes (ingest, two clerks reviewing) use it at once.
public final class DraftStore: Sendable {
    public let workspace: Workspace
    let pool: DatabasePool

    public init(workspace: Workspace) throws {
        self.workspace = workspace
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.foreignKeysEnabled = true
        do {
            let existed = FileManager.default.fileExists(atPath: workspace.database.path)
            pool = try DatabasePool(path: workspace.database.path, configuration: configuration)
            try Schema.migrator.migrate(pool)
            if !existed { Self.restrict(workspace.database.path) }
            Self.restrict(workspace.database.path + "-wal")
            Self.restrict(workspace.database.path + "-shm")
        } catch let error as DatabaseError {
            throw WorkspaceError.database(error.message ?? "\(error)")
        }
    }

    static func restrict(_ path: String) {
        if FileManager.default.fileExists(atPath: path) { chmod(path, 0o600) }
    }

    static func now() -> String {
        ISO8601DateFormatter().string(from: Date())
    }

    // MARK: Files

    public struct FileRow: Sendable, Equatable {
        public var id: Int64
        public var sha256: String
        public var name: String
        public var pageCount: Int?
        public var error: String?
    }

    public func file(sha256: String) throws -> FileRow? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT id, sha256, name, page_count, error FROM scan_file WHERE sha256 = ?",
                             arguments: [sha256]).map(Self.fileRow)
        }
    }

    static func fileRow(_ row: Row) -> FileRow {
        FileRow(id: row["id"], sha256: row["sha256"], name: row["name"], pageCount: row["page_count"], error: row["error"])
    }

    /// Records a scan file (or returns the one already recorded with the same content).
    public func addFile(sha256: String, name: String, stored: String?, pageCount: Int?, error: String?) throws -> FileRow {
        try pool.write { db in
            if let existing = try Row.fetchOne(db, sql: "SELECT id, sha256, name, page_count, error FROM scan_file WHERE sha256 = ?",
                                               arguments: [sha256]) {
                return Self.fileRow(existing)
            }
            try db.execute(sql: """
                INSERT INTO scan_file (sha256, name, stored, page_count, error, imported_at) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [sha256, name, stored, pageCount, error, Self.now()])
            return FileRow(id: db.lastInsertedRowID, sha256: sha256, name: name, pageCount: pageCount, error: error)
        }
    }

    /// Records how many pages a file has, once it has been read to the end.
    public func setPageCount(fileID: Int64, _ count: Int) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE scan_file SET page_count = ? WHERE id = ?", arguments: [count, fileID])
        }
    }

    /// Adds a validation message to a stored field and sends it to review
    /// (once: a message already there is not repeated).
    public func addValidationMessage(fieldRowID: Int64, _ message: String) throws {
        try pool.write { db in
            let current = try String.fetchOne(db, sql: "SELECT messages FROM field WHERE id = ?", arguments: [fieldRowID])
            var messages = JSONText.decode(current)
            guard !messages.contains(message) else { return }
            messages.append(message)
            try db.execute(sql: "UPDATE field SET messages = ?, review = 1 WHERE id = ?",
                           arguments: [JSONText.encode(messages), fieldRowID])
        }
    }

    /// Page numbers of `fileID` already stored.
    public func storedPages(fileID: Int64) throws -> Set<Int> {
        try pool.read { db in
            Set(try Int.fetchAll(db, sql: "SELECT page_number FROM page WHERE file_id = ?", arguments: [fileID]))
        }
    }

    // MARK: Pages

    /// Pages already stored with the same sheet code, with their ink signatures.
    public func pages(withSheet sheet: String) throws -> [(id: Int64, signature: [UInt8]?)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, ink_signature FROM page WHERE sheet = ? AND status = 'identified'",
                             arguments: [sheet]).map { ($0["id"], ($0["ink_signature"] as Data?).map { [UInt8]($0) }) }
        }
    }

    /// Saves a page with all its records and fields in one transaction.
    /// A page already stored (same file and page number) is left alone.
    @discardableResult
    public func save(_ page: PageDraft) throws -> Bool {
        try pool.write { db in
            let exists = try Bool.fetchOne(db, sql: "SELECT 1 FROM page WHERE file_id = ? AND page_number = ?",
                                           arguments: [page.fileID, page.pageNumber]) ?? false
            if exists { return false }
            try db.execute(sql: """
                INSERT INTO page (file_id, page_number, status, reason, form, form_version, sheet, duplicate_of,
                                  dpi, rotation, scale, residual_mm, ink_signature, preview, processed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [page.fileID, page.pageNumber, page.status.rawValue, page.reason, page.form,
                                 page.formVersion, page.sheet, page.duplicateOf, page.dpi, page.rotation, page.scale,
                                 page.residualMM, page.inkSignature.map { Data($0) }, page.preview.map { Data($0) },
                                 Self.now()])
            let pageID = db.lastInsertedRowID
            guard page.status == .identified, let form = page.form else { return true }
            for record in page.records {
                try db.execute(sql: "INSERT INTO record (page_id, form, row) VALUES (?, ?, ?)",
                               arguments: [pageID, form, record.row])
                let recordID = db.lastInsertedRowID
                for field in record.fields {
                    try db.execute(sql: """
                        INSERT INTO field (record_id, field_id, kind, pattern, value, read_value, confidence, review,
                                           alternatives, messages, crop)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [recordID, field.fieldID, field.kind, field.pattern, field.value, field.value,
                                         field.confidence, field.review, JSONText.encode(field.alternatives),
                                         JSONText.encode(field.messages), field.crop.map { Data($0) }])
                }
            }
            return true
        }
    }
}

/// Small JSON arrays of strings stored in text columns (choices, alternatives, messages).
public enum JSONText {
    public static func encode(_ values: [String]) -> String {
        (try? String(decoding: JSONEncoder().encode(values), as: UTF8.self)) ?? "[]"
    }

    public static func decode(_ text: String?) -> [String] {
        guard let text, let data = text.data(using: .utf8) else { return [] }
        return (try? JSONDecoder().decode([String].self, from: data)) ?? []
    }
}
