import FormKit
import Foundation
import GRDB

/// The outage's end date, from which the registration deadlines are counted.
public struct OutageEnd: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        /// Given with `--outage-end` (now or earlier) and stored in the workspace.
        case stored
        /// Not given: the day of the workspace's first ingest.
        case firstIngest
    }

    public var date: CivilDate
    public var source: Source
}

extension DraftStore {
    static let outageEndKey = "outage_end"

    public func setting(_ key: String) throws -> String? {
        try pool.read { db in try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key]) }
    }

    /// Stores the outage's end date (audited when it changes).
    public func setOutageEnd(_ date: CivilDate, clerk: String) throws {
        try pool.write { db in
            let old = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [Self.outageEndKey])
            guard old != date.description else { return }
            try db.execute(sql: "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
                           arguments: [Self.outageEndKey, date.description])
            try Self.appendAudit(db, clerk: clerk, action: "outage-end", oldValue: old, newValue: date.description,
                                 note: "avbrottets slutdatum")
        }
    }

    /// The stored end date, else the (Stockholm) day of the first ingest, else nil.
    public func outageEnd() throws -> OutageEnd? {
        if let text = try setting(Self.outageEndKey), let date = CivilDate(iso: text) {
            return OutageEnd(date: date, source: .stored)
        }
        let first = try pool.read { db in try String.fetchOne(db, sql: "SELECT MIN(imported_at) FROM scan_file") }
        guard let first, let date = StatusClock.localDate(iso8601: first) else { return nil }
        return OutageEnd(date: date, source: .firstIngest)
    }
}

/// Calendar days in Stockholm time.
public enum StatusClock {
    static var stockholm: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Stockholm") ?? .current
        return calendar
    }

    /// Today's date in Stockholm.
    public static func today(_ now: Date = Date()) -> CivilDate { localDate(now) }

    public static func localDate(_ date: Date) -> CivilDate {
        let c = stockholm.dateComponents([.year, .month, .day], from: date)
        return CivilDate(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1) ?? CivilDate(dayNumber: 0)
    }

    /// The Stockholm date of an ISO 8601 timestamp as the store writes them.
    public static func localDate(iso8601 text: String) -> CivilDate? {
        guard let date = ISO8601DateFormatter().date(from: text) else { return CivilDate(iso: text) }
        return localDate(date)
    }
}
