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

/// Where the data and the log disagree, or the log's protection is gone.
public struct AuditFinding: Sendable, Equatable, CustomStringConvertible {
    public var recordID: Int64?
    public var fieldID: String?
    public var problem: String

    public var description: String {
        let place = [recordID.map { "post \($0)" }, fieldID].compactMap { $0 }.joined(separator: ", ")
        return place.isEmpty ? problem : "\(place): \(problem)"
    }
}

/// The chain's length and its last hash: written down (the purge receipt,
/// status), it lets `audit --verify --expect` notice entries removed from the end.
public struct AuditHead: Sendable, Equatable {
    public var entries: Int
    public var hash: String
}

extension DraftStore {
    static let appendOnlyTriggers = ["audit_append_only_update", "audit_append_only_delete"]
    /// Audit actions that set a field's value, and the ones that verify it.
    static let valueActions: Set<String> = acceptingActions.union(["register-fill", "recheck"])
    static let verifyingActions: Set<String> = acceptingActions

    public func auditHead() throws -> AuditHead {
        try read { db in
            AuditHead(
                entries: try AuditEntry.fetchCount(db),
                hash: try String.fetchOne(db, sql: "SELECT hash FROM audit ORDER BY id DESC LIMIT 1")
                    ?? Self.genesisHash)
        }
    }

    /// Replays the log against the data it describes: every field's stored
    /// value and verification, every record's status and follow-up mark must
    /// be what the log ends with; and the triggers that keep the log
    /// append-only must be there. Returns every disagreement.
    public func replayAudit() throws -> [AuditFinding] {
        let entries = try auditEntries()
        var findings: [AuditFinding] = []
        let triggers = try read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit'")
        }
        for trigger in Self.appendOnlyTriggers where !triggers.contains(trigger) {
            findings.append(
                AuditFinding(problem: "skyddet \(trigger) saknas: loggen kan ändras eller tömmas utan spår"))
        }
        var lastValue: [String: AuditEntry] = [:], verifiedBy: [String: AuditEntry] = [:]
        var recordVerified = Set<Int64>(), registered = Set<Int64>(), followUp: [Int64: Bool] = [:]
        for e in entries {
            if let record = e.recordID, let field = e.fieldID {
                let key = "\(record) \(field)"
                if Self.valueActions.contains(e.action) { lastValue[key] = e }
                if Self.verifyingActions.contains(e.action) { verifiedBy[key] = e }
            } else if let record = e.recordID {
                switch e.action {
                case "verify-record": recordVerified.insert(record)
                case "register": registered.insert(record)
                case "follow-up": followUp[record] = true
                case "follow-up-cleared": followUp[record] = false
                default: break
                }
            }
        }
        let records = try records()
        // What the log speaks of must still be there: a record or field removed behind its back is found.
        let present = Set(records.map(\.id))
        let presentFields = Set(records.flatMap { record in record.fields.map { "\(record.id) \($0.fieldID)" } })
        for id in Set(entries.compactMap(\.recordID)).subtracting(present).sorted() {
            findings.append(AuditFinding(recordID: id, problem: "loggen nämner posten, men den finns inte längre"))
        }
        let loggedFields = entries.filter { $0.fieldID != nil && Self.valueActions.contains($0.action) }
        var reported = Set<String>()
        for e in loggedFields {
            guard let record = e.recordID, let field = e.fieldID, present.contains(record) else { continue }
            let key = "\(record) \(field)"
            if !presentFields.contains(key), reported.insert(key).inserted {
                findings.append(
                    AuditFinding(
                        recordID: record, fieldID: field, problem: "loggen nämner fältet, men det finns inte längre"))
            }
        }
        for record in records {
            let id = record.id
            let logged: RecordStatus =
                registered.contains(id) ? .registered : recordVerified.contains(id) ? .verified : .draft
            if record.status != logged {
                findings.append(
                    AuditFinding(
                        recordID: id, problem: "status \(record.status.rawValue), men loggen säger \(logged.rawValue)"))
            }
            if record.followUp != (followUp[id] ?? false) {
                findings.append(AuditFinding(recordID: id, problem: "uppföljningsmarkeringen stämmer inte med loggen"))
            }
            for field in record.fields {
                let key = "\(id) \(field.fieldID)"
                let expected = lastValue[key].map(\.newValue) ?? field.readValue.canonicalText
                if field.value.canonicalText != expected {
                    findings.append(
                        AuditFinding(
                            recordID: id, fieldID: field.fieldID,
                            problem:
                                "värdet är \(field.value.canonicalText ?? "tomt"), men loggen slutar med \(expected ?? "tomt")"
                        ))
                }
                if field.verified != (verifiedBy[key] != nil) {
                    findings.append(
                        AuditFinding(
                            recordID: id, fieldID: field.fieldID,
                            problem: field.verified
                                ? "markerat granskat utan att loggen säger av vem"
                                : "loggen säger granskat, fältet inte"))
                } else if let by = verifiedBy[key], field.verifiedBy != by.clerk {
                    findings.append(
                        AuditFinding(
                            recordID: id, fieldID: field.fieldID,
                            problem: "granskat av \(field.verifiedBy ?? "?"), men loggen säger \(by.clerk)"))
                }
            }
        }
        return findings
    }

    /// Whether the chain holds an entry with `hash` (a head written down earlier).
    public func auditContains(hash: String) throws -> Bool {
        try read { db in try AuditEntry.filter(Column("hash") == hash.lowercased()).fetchCount(db) > 0 }
    }
}

extension DraftStore {
    /// Notes in the audit log that a file with client data was written outside
    /// the workspace (an export, a worklist), so the purge receipt can name it
    /// for the user to delete.
    public func noteWrittenOutside(_ path: String, what: String, clerk: String) throws {
        try write { db in
            try Self.appendAudit(db, clerk: clerk, action: "wrote-file", newValue: path, note: what)
        }
    }

    /// Files noted by `noteWrittenOutside`, in the order written (a path once, with its last note).
    public func filesWrittenOutside() throws -> [(path: String, what: String)] {
        try read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT new_value, note FROM audit WHERE action = 'wrote-file' ORDER BY id")
            var seen: [String: Int] = [:]
            var files: [(path: String, what: String)] = []
            for row in rows {
                let path: String = row["new_value"] ?? ""
                let what: String = row["note"] ?? ""
                if let i = seen[path] {
                    files[i].what = what
                } else {
                    seen[path] = files.count
                    files.append((path, what))
                }
            }
            return files
        }
    }
}
