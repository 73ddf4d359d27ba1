import Foundation
import GRDB

extension DraftStore {
    public func pages() throws -> [StoredPage] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT page.id, scan_file.name, page.page_number, page.status, page.reason, page.form, page.sheet,
                       page.duplicate_of
                FROM page JOIN scan_file ON scan_file.id = page.file_id
                ORDER BY scan_file.name, page.page_number
                """).map { row in
                StoredPage(id: row[0], source: row[1], pageNumber: row[2],
                           status: PageDraft.Status(rawValue: row[3]) ?? .failed, reason: row[4], form: row[5],
                           sheet: row[6], duplicateOf: row[7])
            }
        }
    }

    /// Files that could not be read at all (no pages).
    public func unreadableFiles() throws -> [(name: String, error: String)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT name, error FROM scan_file WHERE error IS NOT NULL ORDER BY name")
                .map { ($0[0], $0[1]) }
        }
    }

    /// Every record with its fields, in page order (file, page, row).
    public func records(form: String? = nil) throws -> [StoredRecord] {
        try pool.read { db in try Self.fetchRecords(db, where: form.map { _ in "record.form = ?" }, arguments: form.map { [$0] } ?? []) }
    }

    public func record(id: Int64) throws -> StoredRecord? {
        try pool.read { db in try Self.fetchRecords(db, where: "record.id = ?", arguments: [id]).first }
    }

    static func fetchRecords(_ db: Database, where condition: String?, arguments: StatementArguments) throws -> [StoredRecord] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT record.id, record.page_id, scan_file.name, page.page_number, page.sheet, record.form, record.row,
                   record.status, record.verified_by, record.verified_at, record.registered_at, record.registered_by,
                   record.registered_system, record.follow_up, record.comment, page.processed_at
            FROM record JOIN page ON page.id = record.page_id JOIN scan_file ON scan_file.id = page.file_id
            \(condition.map { "WHERE \($0)" } ?? "")
            ORDER BY scan_file.name, page.page_number, record.row IS NOT NULL, record.row
            """, arguments: arguments)
        var fieldsByRecord: [Int64: [StoredField]] = [:]
        let ids = rows.map { $0[0] as Int64 }
        if !ids.isEmpty {
            let fieldRows = try Row.fetchAll(db, sql: """
                SELECT id, record_id, field_id, kind, pattern, value, read_value, confidence, review, alternatives,
                       messages, verified, verified_by, verified_at, version, crop IS NOT NULL
                FROM field WHERE record_id IN (\(ids.map { _ in "?" }.joined(separator: ",")))
                ORDER BY id
                """, arguments: StatementArguments(ids))
            for r in fieldRows {
                fieldsByRecord[r[1], default: []].append(StoredField(
                    id: r[0], fieldID: r[2], kind: r[3], pattern: r[4], value: r[5], readValue: r[6],
                    confidence: r[7], review: r[8], alternatives: JSONText.decode(r[9]),
                    messages: JSONText.decode(r[10]), verified: r[11], verifiedBy: r[12], verifiedAt: r[13],
                    version: r[14], hasCrop: r[15]))
            }
        }
        return rows.map { r in
            StoredRecord(id: r[0], pageID: r[1], source: r[2], pageNumber: r[3], sheet: r[4], form: r[5], row: r[6],
                         status: RecordStatus(rawValue: r[7]) ?? .draft, verifiedBy: r[8], verifiedAt: r[9],
                         registeredAt: r[10], registeredBy: r[11], registeredSystem: r[12], followUp: r[13],
                         comment: r[14], processedAt: r[15], fields: fieldsByRecord[r[0]] ?? [])
        }
    }

    /// The PNG crop of a field.
    public func crop(fieldRowID: Int64) throws -> [UInt8]? {
        try pool.read { db in
            (try Data.fetchOne(db, sql: "SELECT crop FROM field WHERE id = ?", arguments: [fieldRowID])).map { [UInt8]($0) }
        }
    }

    /// The PNG preview of a whole page.
    public func preview(pageID: Int64) throws -> [UInt8]? {
        try pool.read { db in
            (try Data.fetchOne(db, sql: "SELECT preview FROM page WHERE id = ?", arguments: [pageID])).map { [UInt8]($0) }
        }
    }
}
