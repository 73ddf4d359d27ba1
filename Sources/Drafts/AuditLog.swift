import Crypto
import Foundation
import GRDB

/// One entry of the append-only audit log: who did what to which record or
/// field, and when. Each entry carries the hash of the one before it, so a
/// changed or removed entry breaks the chain (`avbrott audit --verify`).
/// The time is kept as the ISO 8601 text that was hashed.
public struct AuditEntry: Codable, Sendable, Equatable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "audit"
    public var id: Int64?
    /// ISO 8601 UTC, as hashed.
    public var at: String
    public var clerk: String
    public var action: String
    public var recordID: Int64?
    public var fieldID: String?
    /// Values in their text form (`FieldValue.canonicalText`).
    public var oldValue: String?
    public var newValue: String?
    public var note: String?
    public var previousHash: String
    public var hash: String

    enum CodingKeys: String, CodingKey {
        case id, at, clerk, action, note, hash
        case recordID = "record_id", fieldID = "field_id", oldValue = "old_value", newValue = "new_value"
        case previousHash = "prev_hash"
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// When the entry was written.
    public var date: Date? { ISO8601DateFormatter().date(from: at) }

    /// The hash of this entry's content chained to the previous entry's hash.
    static func hash(
        previous: String, at: String, clerk: String, action: String, recordID: Int64?,
        fieldID: String?, oldValue: String?, newValue: String?, note: String?
    ) -> String {
        // Length-prefixed fields: no separator can be forged inside a value.
        var text = ""
        for part in [previous, at, clerk, action, recordID.map(String.init), fieldID, oldValue, newValue, note] {
            if let part { text += "\(part.utf8.count):\(part);" } else { text += "-;" }
        }
        return SHA256.hash(data: Data(text.utf8)).hex
    }

    var expectedHash: String {
        Self.hash(
            previous: previousHash, at: at, clerk: clerk, action: action, recordID: recordID, fieldID: fieldID,
            oldValue: oldValue, newValue: newValue, note: note)
    }
}

public enum AuditVerification: Sendable, Equatable {
    case intact(entries: Int)
    case broken(entryID: Int64, reason: String)
}

extension DraftStore {
    public static let genesisHash = String(repeating: "0", count: 64)

    /// Appends an entry inside the caller's write transaction.
    public static func appendAudit(
        _ db: Database, clerk: String, action: String, recordID: Int64? = nil,
        fieldID: String? = nil, oldValue: String? = nil, newValue: String? = nil,
        note: String? = nil
    ) throws {
        let previous = try String.fetchOne(db, sql: "SELECT hash FROM audit ORDER BY id DESC LIMIT 1") ?? genesisHash
        let at = ISO8601DateFormatter().string(from: Date())
        var entry = AuditEntry(
            at: at, clerk: clerk, action: action, recordID: recordID, fieldID: fieldID,
            oldValue: oldValue, newValue: newValue, note: note, previousHash: previous, hash: "")
        entry.hash = entry.expectedHash
        try entry.insert(db)
    }

    public func auditEntries() throws -> [AuditEntry] {
        try read { db in try AuditEntry.order(Column("id")).fetchAll(db) }
    }

    /// Recomputes the chain from the first entry.
    public func verifyAudit() throws -> AuditVerification {
        var previous = Self.genesisHash
        let entries = try auditEntries()
        for e in entries {
            guard e.previousHash == previous else {
                return .broken(
                    entryID: e.id ?? 0,
                    reason: "posten pekar inte på föregående post (en post har tagits bort eller flyttats)")
            }
            guard e.expectedHash == e.hash else {
                return .broken(entryID: e.id ?? 0, reason: "postens innehåll har ändrats efter att den skrevs")
            }
            previous = e.hash
        }
        return .intact(entries: entries.count)
    }
}

extension Sequence where Element == UInt8 {
    /// Lower-case hexadecimal.
    public var hex: String { map { String(format: "%02x", $0) }.joined() }
}
