import Assessment
import FormKit
import Foundation
import GRDB

/// Migration v3: typed values and timestamps. Timestamps become dates (GRDB's
/// `ÅÅÅÅ-MM-DD TT:MM:SS.SSS`, UTC); a field's messages become notes that say
/// what they are (unsure, a broken rule, a reminder); digits fields keep the
/// boxes they were read as; the outage's facts get a table of their own.
/// Values keep their text form (`FieldValue.canonicalText`), which the audit
/// log also records, so the log still describes the data.
enum TypedSchema {
    static func migrate(_ db: Database) throws {
        for (table, column) in [
            ("scan_file", "imported_at"), ("page", "processed_at"), ("record", "verified_at"),
            ("field", "verified_at"),
        ] {
            try db.execute(
                sql: """
                    UPDATE \(table) SET \(column) = strftime('%Y-%m-%d %H:%M:%f', \(column)) WHERE \(column) IS NOT NULL
                    """)
        }
        try db.alter(table: "field") { t in
            t.rename(column: "messages", to: "notes")
            t.add(column: "box_readings", .text).notNull().defaults(to: "[]")
        }
        let rows = try Row.fetchAll(db, sql: "SELECT id, notes FROM field WHERE notes != '[]'")
        for row in rows {
            let messages = (try? JSONDecoder().decode([String].self, from: Data((row["notes"] as String).utf8))) ?? []
            let notes = messages.map(note(forMessage:))
            try db.execute(
                sql: "UPDATE field SET notes = ? WHERE id = ?",
                arguments: [String(decoding: try JSONEncoder().encode(notes), as: UTF8.self), row["id"]])
        }
        try db.create(table: "outage") { t in
            t.primaryKey("id", .integer).check { $0 == 1 }
            t.column("start_date", .text)
            t.column("end_date", .text)
            t.column("unit_file", .text)
            t.column("unit_text", .text)
            t.column("recorded_by", .text).notNull()
            t.column("recorded_at", .datetime).notNull()
        }
        try db.execute(
            sql: """
                INSERT INTO outage (id, end_date, recorded_by, recorded_at)
                SELECT 1, value, 'tidigare version', strftime('%Y-%m-%d %H:%M:%f', 'now') FROM setting WHERE key = 'outage_end'
                """)
        try db.drop(table: "setting")
    }

    /// What a message written by an earlier version was: the beginnings of
    /// the messages that said a rule was broken, and the reconciliation
    /// reminder; everything else said the reading was unsure.
    static func note(forMessage message: String) -> FieldNote {
        let broken = [
            "Ingen trolig läsning är giltig", "Ingen giltig läsning", "Obligatoriskt fält saknas",
            "Fältet är obligatoriskt", "Datumet är före", "Datumet är efter", "Minuterna stämmer inte",
            "Totalen ska vara", "Flera alternativ är ikryssade", "Underskrift saknas", "Summan ska vara",
            "Överfört belopp ska vara", "Kontrollsiffran stämmer inte", "Fältet är bara delvis ifyllt",
            "Beloppet har tomma rutor", "Beloppet ska skrivas", "Numret har tomma rutor", "Fältet har ",
        ]
        if broken.contains(where: message.hasPrefix) { return FieldNote(.invalid, message) }
        if message.hasPrefix("Totalen närmar sig") { return FieldNote(.reminder, message) }
        return FieldNote(.uncertain, message)
    }
}
