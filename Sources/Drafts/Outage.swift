import Assessment
import FormKit
import Foundation
import GRDB

/// The outage as the workspace records it (`avbrott outage`): when it began
/// and ended and which unit's configuration applies. Dates on paper are read
/// against it, deadlines count from its end, the report states it.
public struct Outage: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "outage"
    var id = 1
    public var start: CivilDate?
    public var end: CivilDate?
    /// The unit configuration's file name, and its text as it was when recorded.
    public var unitFile: String?
    public var unitText: String?
    public var recordedBy: String
    public var recordedAt: Date

    enum CodingKeys: String, CodingKey {
        case id
        case start = "start_date", end = "end_date", unitFile = "unit_file", unitText = "unit_text"
        case recordedBy = "recorded_by", recordedAt = "recorded_at"
    }

    public init(start: CivilDate?, end: CivilDate?, unitFile: String?, unitText: String?, recordedBy: String) {
        self.start = start
        self.end = end
        self.unitFile = unitFile
        self.unitText = unitText
        self.recordedBy = recordedBy
        recordedAt = Date()
    }
}

/// What the workspace knows of the outage's dates, and what it assumes.
public struct OutageDates: Sendable, Equatable {
    public var start: CivilDate?
    /// The recorded end, or (when none is recorded) the day of the first ingest.
    public var end: CivilDate
    /// No end is recorded: `end` is the day of the first ingest.
    public var endAssumed: Bool

    /// The day dates written on paper are read against.
    public var reference: CivilDate { end }

    /// How dates are decoded in this workspace.
    public var decodingContext: DecodingContext { .outage(reference: reference) }

    /// Whole days from start to end (both counted), when the start is known.
    public var days: Int? { start.map { $0.days(to: end) + 1 } }
}

extension DraftStore {
    /// The recorded outage, if any.
    public func outage() throws -> Outage? {
        try read { db in try Outage.fetchOne(db) }
    }

    /// The outage's dates: as recorded, or assumed to have ended on the day of
    /// the first ingest (the Stockholm day its first file was stored); nil in
    /// a workspace with neither.
    public func outageDates() throws -> OutageDates? {
        let recorded = try outage()
        if let end = recorded?.end { return OutageDates(start: recorded?.start, end: end, endAssumed: false) }
        let first = try read { db in try Date.fetchOne(db, sql: "SELECT MIN(imported_at) FROM scan_file") }
        guard let first else { return nil }
        return OutageDates(start: recorded?.start, end: .swedishDay(of: first), endAssumed: true)
    }

    /// Records the outage (audited when it changes).
    public func setOutage(_ outage: Outage, clerk: String) throws {
        try write { db in
            let old = try Outage.fetchOne(db)
            guard old.map({ ($0.start, $0.end, $0.unitText) != (outage.start, outage.end, outage.unitText) }) ?? true
            else {
                return
            }
            try outage.save(db)
            try Self.appendAudit(
                db, clerk: clerk, action: "outage",
                oldValue: old.map(Self.describe), newValue: Self.describe(outage),
                note: "avbrottets datum och enhet")
        }
    }

    static func describe(_ o: Outage) -> String {
        "\(o.start?.description ?? "?")–\(o.end?.description ?? "pågår")" + (o.unitFile.map { ", enhet \($0)" } ?? "")
    }

    /// Decodes every unverified digits field whose meaning depends on the day
    /// of reference (dates and personnummer) again from the boxes it was read
    /// as, under `context`. A value that changes, or no longer holds, is sent
    /// to a person with a note. Returns how many fields changed.
    @discardableResult
    public func recheckDates(context: DecodingContext, clerk: String) throws -> Int {
        let decoder = FieldDecoder(context: context)
        return try write { db in
            let fields = try DraftField.select(DraftField.withoutCrop)
                .filter(
                    Column("kind") == FieldKind.digits.rawValue && Column("verified") == false
                        && [DigitPattern.date.rawValue, DigitPattern.personnummer.rawValue].contains(Column("pattern"))
                )
                .fetchAll(db)
            var changed = 0
            for var field in fields where !field.boxReadings.isEmpty {
                guard let pattern = field.pattern else { continue }
                let values = field.boxReadings.compactMap { decoder.value(ofBoxes: $0, pattern: pattern) }
                let best = values.first ?? .empty
                guard best != field.value else { continue }
                let old = field.value
                field.value = best
                field.alternatives = Array(values.dropFirst())
                field.review = true
                field.notes.append(
                    FieldNote(
                        best == .empty ? .invalid : .uncertain,
                        "Läst på nytt mot avbrottets datum: \(old.displayText()) blev \(best.displayText())."))
                field.version += 1
                try field.update(db, columns: ["value", "alternatives", "review", "notes", "version"])
                try Self.appendAudit(
                    db, clerk: clerk, action: "recheck", recordID: field.recordID, fieldID: field.fieldID,
                    oldValue: old.canonicalText, newValue: best.canonicalText,
                    note: "avbrottets datum ändrades")
                changed += 1
            }
            return changed
        }
    }
}
