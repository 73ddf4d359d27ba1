import Foundation
import GRDB

/// A field the clerk accepts, as the clerk last saw it: the update only
/// succeeds while the field still has `version` (optimistic concurrency).
public struct FieldAcceptance: Sendable, Equatable {
    public var rowID: Int64
    public var version: Int
    /// The value to store: the draft value when accepted as read, another when corrected.
    public var value: String?
    /// Audit note, e.g. how a double entry was resolved.
    public var note: String?

    public init(rowID: Int64, version: Int, value: String?, note: String? = nil) {
        self.rowID = rowID; self.version = version; self.value = value; self.note = note
    }
}

/// What became of an acceptance.
public enum AcceptanceOutcome: Sendable, Equatable {
    /// Stored; `recordVerified` when it was the record's last unverified field.
    case saved(recordVerified: Bool)
    /// Someone else changed the field first: here it is as it is now.
    case conflict(current: StoredField)
    /// The record is registered already and cannot change here.
    case locked
}

/// Where a clerk left off, to resume there.
public struct ClerkPosition: Sendable, Equatable {
    public var recordID: Int64?
    public var fieldID: String?
    public var order: String?

    public init(recordID: Int64?, fieldID: String?, order: String?) {
        self.recordID = recordID; self.fieldID = fieldID; self.order = order
    }
}

public struct ReviewProgress: Sendable, Equatable {
    public var recordsVerified: Int
    public var recordsTotal: Int
    public var fieldsLeft: Int
}

public enum ReviewStoreError: Error, CustomStringConvertible, Equatable {
    case missingField(Int64)
    case missingRecord(Int64)

    public var description: String {
        switch self {
        case .missingField(let id): return "Fältet \(id) finns inte i arbetsytan."
        case .missingRecord(let id): return "Posten \(id) finns inte i arbetsytan."
        }
    }
}

extension DraftStore {
    /// Verifies one field (accepting or correcting its value) in one transaction with its audit entry.
    public func accept(_ acceptance: FieldAcceptance, clerk: String) throws -> AcceptanceOutcome {
        try pool.write { db in try Self.accept(db, acceptance, clerk: clerk) }
    }

    /// Verifies several fields in one transaction (the "accept every confident
    /// field of the page" key). Fields changed by someone else are left out.
    public func accept(_ acceptances: [FieldAcceptance], clerk: String) throws -> [AcceptanceOutcome] {
        try pool.write { db in try acceptances.map { try Self.accept(db, $0, clerk: clerk) } }
    }

    static func accept(_ db: Database, _ a: FieldAcceptance, clerk: String) throws -> AcceptanceOutcome {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT field.record_id, field.field_id, field.value, record.status
            FROM field JOIN record ON record.id = field.record_id WHERE field.id = ?
            """, arguments: [a.rowID]) else { throw ReviewStoreError.missingField(a.rowID) }
        let recordID: Int64 = row[0]
        let fieldID: String = row[1]
        let old: String? = row[2]
        if (row[3] as String) == RecordStatus.registered.rawValue { return .locked }
        let at = now()
        try db.execute(sql: """
            UPDATE field SET value = ?, verified = 1, verified_by = ?, verified_at = ?, version = version + 1
            WHERE id = ? AND version = ?
            """, arguments: [a.value, clerk, at, a.rowID, a.version])
        guard db.changesCount == 1 else {
            guard let current = try fetchRecords(db, where: "record.id = ?", arguments: [recordID]).first?
                .fields.first(where: { $0.id == a.rowID }) else { throw ReviewStoreError.missingField(a.rowID) }
            return .conflict(current: current)
        }
        try Self.appendAudit(db, clerk: clerk, action: old == a.value ? "verify" : "correct", recordID: recordID,
                        fieldID: fieldID, oldValue: old, newValue: a.value, note: a.note)
        try db.execute(sql: """
            UPDATE record SET status = 'verified', verified_by = ?, verified_at = ?
            WHERE id = ? AND status = 'draft' AND NOT EXISTS (SELECT 1 FROM field WHERE record_id = ? AND verified = 0)
            """, arguments: [clerk, at, recordID, recordID])
        let recordVerified = db.changesCount == 1
        if recordVerified {
            try Self.appendAudit(db, clerk: clerk, action: "verify-record", recordID: recordID)
        }
        return .saved(recordVerified: recordVerified)
    }

    /// Marks a record for follow-up with a comment, or clears the mark (`comment` nil).
    public func setFollowUp(recordID: Int64, comment: String?, clerk: String) throws {
        try pool.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT follow_up, comment FROM record WHERE id = ?",
                                             arguments: [recordID]) else {
                throw ReviewStoreError.missingRecord(recordID)
            }
            let oldComment: String? = row[1]
            try db.execute(sql: "UPDATE record SET follow_up = ?, comment = ? WHERE id = ?",
                           arguments: [comment != nil, comment, recordID])
            try Self.appendAudit(db, clerk: clerk, action: comment == nil ? "follow-up-cleared" : "follow-up",
                            recordID: recordID, oldValue: oldComment, newValue: comment)
        }
    }

    public func savePosition(_ position: ClerkPosition, clerk: String) throws {
        try pool.write { db in
            try db.execute(sql: """
                INSERT INTO clerk_position (clerk, record_id, field_id, order_mode) VALUES (?, ?, ?, ?)
                ON CONFLICT(clerk) DO UPDATE SET record_id = excluded.record_id, field_id = excluded.field_id,
                                                 order_mode = excluded.order_mode
                """, arguments: [clerk, position.recordID, position.fieldID, position.order])
        }
    }

    public func position(clerk: String) throws -> ClerkPosition? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT record_id, field_id, order_mode FROM clerk_position WHERE clerk = ?",
                             arguments: [clerk]).map { ClerkPosition(recordID: $0[0], fieldID: $0[1], order: $0[2]) }
        }
    }

    public func reviewProgress() throws -> ReviewProgress {
        try pool.read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT (SELECT count(*) FROM record WHERE status != 'draft'), (SELECT count(*) FROM record),
                       (SELECT count(*) FROM field WHERE verified = 0)
                """)
            return ReviewProgress(recordsVerified: row?[0] ?? 0, recordsTotal: row?[1] ?? 0, fieldsLeft: row?[2] ?? 0)
        }
    }
}
