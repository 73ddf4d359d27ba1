import Drafts
import FormKit
import Foundation
import Haru

/// The printable receipt (kvittens) of a purge: what was deleted, when, by
/// whom and why, with counts and a checksum. Names no client and no
/// personnummer; the deleted files are named by their content hash.
public enum PurgeReceipt {
    public struct Details: Sendable {
        public var clerk: String
        /// "ÅÅÅÅ-MM-DD HH:MM" in Stockholm time.
        public var at: String
        /// The reason given with --force, nil for an ordinary purge.
        public var forcedReason: String?
        /// Records that were not registered when the purge was forced.
        public var unregistered: Int
        public init(clerk: String, at: String, forcedReason: String?, unregistered: Int) {
            self.clerk = clerk
            self.at = at
            self.forcedReason = forcedReason
            self.unregistered = unregistered
        }
    }

    public static func document(_ m: PurgeManifest, _ d: Details) -> ReportDocument {
        let pageText = [
            "identified": "identifierade", "unidentified": "oidentifierade", "duplicate": "dubbletter",
            "failed": "ej lästa",
        ]
        let pages = m.pagesByStatus.sorted { $0.key < $1.key }.map { "\($0.value) \(pageText[$0.key] ?? $0.key)" }
        let registered = m.forms.reduce(0) { $0 + $1.registered }
        var facts: [(String, String)] = [
            ("Rensad", d.at),
            ("Rensad av", d.clerk),
            ("Arbetsyta", m.workspacePath),
            (
                "Grund",
                d.forcedReason == nil
                    ? "Alla poster var registrerade i verksamhetssystemen."
                    : "Tvingad rensning. Angiven orsak: \(d.forcedReason ?? "")"
            ),
            ("Inlästa filer", "\(m.scanFiles)"),
            ("Sidor", "\(m.pages)" + (pages.isEmpty ? "" : " (" + pages.joined(separator: ", ") + ")")),
            ("Poster", "\(m.records), varav \(registered) registrerade"),
            ("Raderade filer", "\(Swedish.count(m.files.count, "fil", "filer")), \(megabytes(m.totalBytes))"),
            (
                "Granskningsloggen",
                "\(Swedish.count(m.auditHead.entries, "post", "poster")), sista hash \(m.auditHead.hash.prefix(16))…"
            ),
        ]
        if d.forcedReason != nil { facts.append(("Ej registrerade poster", "\(d.unregistered)")) }
        return ReportDocument(
            title: "Kvittens: rensning av arbetsyta", footer: "Avbrott · kvittens rensning \(d.at)",
            blocks: [
                .title(
                    "Kvittens: rensning av arbetsyta",
                    subtitle: "De inlästa skanningarna, bildutsnitten och utkastdatabasen från avbrottet är raderade. "
                        + "Kvittensen innehåller inga klientuppgifter."),
                .facts(facts),
                .heading("Poster per blankett"),
                .table(
                    ReportTable(
                        columns: [
                            .init("Blankett", weight: 1.2), .init("Namn", weight: 3.2),
                            .init("Poster", alignment: .right), .init("Registrerade", weight: 1.2, alignment: .right),
                        ],
                        rows: m.forms.map { [$0.form, $0.title, "\($0.records)", "\($0.registered)"] },
                        emptyText: "Arbetsytan innehöll inga poster.")),
                .heading("Kontrollsumma (SHA-256)"),
                .paragraph(
                    "Beräknad före raderingen över listan av varje raderad fils SHA-256 och sökväg i arbetsytan "
                        + "(originalskanningarna och databasen), sorterad på sökväg, en rad per fil."),
                .code(String(m.digest.prefix(32))),
                .code(String(m.digest.dropFirst(32))),
                .paragraph("Pappersoriginalen påverkas inte: de läggs i klientens akt efter registreringen."),
                .heading("Underskrifter"),
                .signatures(["Rensat av", "Namnförtydligande", "Bevittnat av (t.ex. informationssäkerhetssamordnare)"]),
            ])
    }

    static func megabytes(_ bytes: Int) -> String {
        let mb = Double(bytes) / 1_000_000
        let tenths = Int((mb * 10).rounded())
        return "\(tenths / 10),\(tenths % 10) MB"
    }
}
