import Crypto
import Foundation
import GRDB

/// One entry of the append-only audit log: who did what to which record or
/// field, and when. Each entry carries the hash of the one before it, so a
/// changed or removed entry breaks the chain (`avbrott audit --verify`).
public struct AuditEntry: Sendable, Equatable {
    public var id: Int64
    public var at: String
    public var clerk: String
    public var action: String
    public var recordID: Int64?
    public var fieldID: String?
    public var oldValue: String?
    public var newValue: String?
    public var note: String?
    public var previousHash: String
    public var hash: String

    /// The hash of this entry's content chained to the previous entry's hash.
    static func hash(previous: String, at: String, clerk: String, action: String, recordID: Int64?,
                     fieldID: String?, oldValue: String?, newValue: String?, note: String?) -> String {
        // Length-prefixed fields: no separator can be forged inside a value.
        var text = ""
        for part in [previous, at, clerk, action, recordID.map(String.init), fieldID, oldValue, newValue, note] {
            if let part { text += "\(part.utf8.count):\(part);" } else { text += "-;" }
        }
        return SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

public enum AuditVerification: Sendable, Equatable {
    case intact(entries: Int)
    case broken(entryID: Int64, reason: String)
}

extension DraftStore {
    public static let genesisHash = String(repeating: "0", count: 64)

    /// Appends an entry inside the caller's write transaction.
    public static func appendAudit(_ db: Database, clerk: String, action: String, recordID: Int64? = nil,
                                   fieldID: String? = nil, oldValue: String? = nil, newValue: String? = nil,
                                   note: String? = nil) throws {
        let previous = try String.fetchOne(db, sql: "SELECT hash FROM audit ORDER BY id DESC LIMIT 1") ?? genesisHash
        let at = now()
        let hash = AuditEntry.hash(previous: previous, at: at, clerk: clerk, action: action, recordID: recordID,
                                   fieldID: fieldID, oldValue: oldValue, newValue: newValue, note: note)
        try db.execute(sql: """
            INSERT INTO audit (at, clerk, action, record_id, field_id, old_value, new_value, note, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [at, clerk, action, recordID, fieldID, oldValue, newValue, note, previous, hash])
    }

    public func auditEntries() throws -> [AuditEntry] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, at, clerk, action, record_id, field_id, old_value, new_value, note, prev_hash, hash
                FROM audit ORDER BY id
                """).map { r in
                AuditEntry(id: r[0], at: r[1], clerk: r[2], action: r[3], recordID: r[4], fieldID: r[5],
                           oldValue: r[6], newValue: r[7], note: r[8], previousHash: r[9], hash: r[10])
            }
        }
    }

    /// Recomputes the chain from the first entry.
    public func verifyAudit() throws -> AuditVerification {
        var previous = Self.genesisHash
        let entries = try auditEntries()
        for e in entries {
            guard e.previousHash == previous else {
                return .broken(entryID: e.id, reason: "posten pekar inte på föregående post (en post har tagits bort eller flyttats)")
            }
            let expected = AuditEntry.hash(previous: previous, at: e.at, clerk: e.clerk, action: e.action,
                                           recordID: e.recordID, fieldID: e.fieldID, oldValue: e.oldValue,
                                           newValue: e.newValue, note: e.note)
            guard expected == e.hash else {
                return .broken(entryID: e.id, reason: "postens innehåll har ändrats efter att den skrevs")
            }
            previous = e.hash
        }
        return .intact(entries: entries.count)
    }
}
