import Assessment
import FormKit
import Foundation
import GRDB

/// A field the clerk accepts, as the clerk last saw it: the update only
/// succeeds while the field still has `version` (optimistic concurrency).
public struct FieldAcceptance: Sendable, Equatable {
    public var rowID: Int64
    public var version: Int
    /// The value to store: the draft value when accepted as read, another when corrected.
    public var value: FieldValue
    /// Audit note, e.g. how a double entry was resolved.
    public var note: String?

    public init(rowID: Int64, version: Int, value: FieldValue, note: String? = nil) {
        self.rowID = rowID
        self.version = version
        self.value = value
        self.note = note
    }
}

/// What became of an acceptance.
public enum AcceptanceOutcome: Sendable, Equatable {
    /// Stored; `recordVerified` when it was the record's last unverified field.
    case saved(recordVerified: Bool)
    /// Someone else changed the field first: here it is as it is now.
    case conflict(current: DraftField)
    /// The record is registered already and cannot change here.
    case locked
}

public struct ReviewProgress: Sendable, Equatable {
    public var recordsVerified: Int
    public var recordsTotal: Int
    public var fieldsLeft: Int

    public init(recordsVerified: Int, recordsTotal: Int, fieldsLeft: Int) {
        self.recordsVerified = recordsVerified
        self.recordsTotal = recordsTotal
        self.fieldsLeft = fieldsLeft
    }
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
        try write { db in try Self.accept(db, acceptance, clerk: clerk) }
    }

    /// Verifies several fields in one transaction (the "accept every confident
    /// field of the page" key). Fields changed by someone else are left out.
    public func accept(_ acceptances: [FieldAcceptance], clerk: String) throws -> [AcceptanceOutcome] {
        try write { db in try acceptances.map { try Self.accept(db, $0, clerk: clerk) } }
    }

    /// Marks a field unreadable: stored empty and verified by the clerk with
    /// a note saying so, and its record marked for follow-up naming the field
    /// (`label`), so the value is found (the paper, the case officer) before
    /// the record is registered. One transaction, audited as `unreadable`.
    public func markUnreadable(rowID: Int64, version: Int, label: String, clerk: String) throws -> AcceptanceOutcome {
        try write { db in
            let outcome = try Self.accept(
                db, FieldAcceptance(rowID: rowID, version: version, value: .empty, note: "oläsligt"), clerk: clerk,
                action: "unreadable")
            guard case .saved = outcome, var field = try DraftField.fetchOne(db, id: rowID),
                var record = try DraftRecord.fetchOne(db, id: field.recordID)
            else { return outcome }
            field.notes.append(FieldNote(.reminder, "Oläsligt enligt \(clerk): värdet tas fram i uppföljningen."))
            try field.update(db, columns: ["notes"])
            let old = record.comment
            let mark = "Oläsligt: \(label)"
            record.comment = [old, mark].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "; ")
            record.followUp = true
            try record.update(db, columns: ["follow_up", "comment"])
            try Self.appendAudit(
                db, clerk: clerk, action: "follow-up", recordID: record.id, oldValue: old, newValue: record.comment)
            return outcome
        }
    }

    /// Audit actions that verify a field with the value they carry.
    static let acceptingActions: Set<String> = ["verify", "correct", "unreadable"]

    static func accept(
        _ db: Database, _ a: FieldAcceptance, clerk: String, action: String? = nil
    ) throws -> AcceptanceOutcome {
        guard let field = try DraftField.select(DraftField.withoutCrop).filter(id: a.rowID).fetchOne(db),
            let record = try DraftRecord.fetchOne(db, id: field.recordID)
        else {
            throw ReviewStoreError.missingField(a.rowID)
        }
        if record.status == .registered { return .locked }
        let now = Date()
        let changed = try DraftField.filter(id: a.rowID).filter(Column("version") == a.version).updateAll(
            db,
            [
                Column("value").set(to: a.value.canonicalText), Column("verified").set(to: true),
                Column("verified_by").set(to: clerk), Column("verified_at").set(to: now),
                Column("version").set(to: Column("version") + 1),
            ])
        guard changed == 1 else {
            guard let current = try DraftField.select(DraftField.withoutCrop).filter(id: a.rowID).fetchOne(db) else {
                throw ReviewStoreError.missingField(a.rowID)
            }
            return .conflict(current: current)
        }
        try appendAudit(
            db, clerk: clerk, action: action ?? (field.value == a.value ? "verify" : "correct"), recordID: record.id,
            fieldID: field.fieldID, oldValue: field.value.canonicalText, newValue: a.value.canonicalText,
            note: a.note)
        if record.status == .verified, let first = record.verifiedBy, first != clerk {
            // The record keeps who verified it first; the log says who changed it after.
            try appendAudit(
                db, clerk: clerk, action: "verify-record", recordID: record.id,
                note: "posten var redan verifierad av \(first)")
        }
        let unverified = try DraftField.filter(Column("record_id") == record.id && Column("verified") == false)
            .fetchCount(db)
        guard record.status == .draft, unverified == 0 else { return .saved(recordVerified: false) }
        try DraftRecord.filter(id: record.id ?? 0).updateAll(
            db,
            [
                Column("status").set(to: RecordStatus.verified.rawValue), Column("verified_by").set(to: clerk),
                Column("verified_at").set(to: now),
            ])
        try appendAudit(db, clerk: clerk, action: "verify-record", recordID: record.id)
        return .saved(recordVerified: true)
    }

    /// Marks a record for follow-up with a comment, or clears the mark (`comment` nil).
    public func setFollowUp(recordID: Int64, comment: String?, clerk: String) throws {
        try write { db in
            guard var record = try DraftRecord.fetchOne(db, id: recordID) else {
                throw ReviewStoreError.missingRecord(recordID)
            }
            let oldComment = record.comment
            record.followUp = comment != nil
            record.comment = comment
            try record.update(db, columns: ["follow_up", "comment"])
            try Self.appendAudit(
                db, clerk: clerk, action: comment == nil ? "follow-up-cleared" : "follow-up",
                recordID: recordID, oldValue: oldComment, newValue: comment)
        }
    }

    public func savePosition(_ position: ClerkPosition) throws {
        try write { db in try position.save(db) }
    }

    public func position(clerk: String) throws -> ClerkPosition? {
        try read { db in try ClerkPosition.fetchOne(db, key: clerk) }
    }

    public func reviewProgress() throws -> ReviewProgress {
        try read { db in
            ReviewProgress(
                recordsVerified: try DraftRecord.filter(Column("status") != RecordStatus.draft.rawValue).fetchCount(db),
                recordsTotal: try DraftRecord.fetchCount(db),
                fieldsLeft: try DraftField.filter(Column("verified") == false).fetchCount(db))
        }
    }
}
