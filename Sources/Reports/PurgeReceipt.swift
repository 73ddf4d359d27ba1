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
        /// Records registered, still to register (a forced purge) and registered nowhere.
        public var registered: Int
        public var unregistered: Int
        public var notRegistered: Int
        /// USB sticks out when the purge was forced.
        public var sticksOut: Int
        /// Unread pages and files, and what the clerk said of checking them against the paper.
        public var unread: Int
        public var unreadChecked: String?
        /// Files with client data the tool wrote outside the workspace (exports, worklists).
        public var filesOutside: [(path: String, what: String)]

        public init(
            clerk: String, at: String, forcedReason: String?, registered: Int, unregistered: Int, notRegistered: Int,
            sticksOut: Int, unread: Int, unreadChecked: String?, filesOutside: [(path: String, what: String)]
        ) {
            self.clerk = clerk
            self.at = at
            self.forcedReason = forcedReason
            self.registered = registered
            self.unregistered = unregistered
            self.notRegistered = notRegistered
            self.sticksOut = sticksOut
            self.unread = unread
            self.unreadChecked = unreadChecked
            self.filesOutside = filesOutside
        }
    }

    public static func document(_ m: PurgeManifest, _ d: Details) -> ReportDocument {
        let pageText = [
            "identified": "identifierade", "unidentified": "oidentifierade", "duplicate": "dubbletter",
            "failed": "ej lästa",
        ]
        let pages = m.pagesByStatus.sorted { $0.key < $1.key }.map { "\($0.value) \(pageText[$0.key] ?? $0.key)" }
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
            (
                "Poster",
                "\(m.records): \(d.registered) registrerade, \(d.unregistered) ej registrerade, "
                    + "\(d.notRegistered) registreras inte (bladens egna fält, USB-minnen)"
            ),
            ("Raderade filer", "\(Swedish.count(m.files.count, "fil", "filer")), \(megabytes(m.totalBytes))"),
            (
                "Granskningsloggen",
                "\(Swedish.count(m.auditHead.entries, "post", "poster")), sista hash \(m.auditHead.hash.prefix(16))…"
            ),
        ]
        if d.sticksOut > 0 { facts.append(("USB-minnen ej återlämnade", "\(d.sticksOut)")) }
        if d.unread > 0 {
            facts.append(
                (
                    "Olästa sidor och filer",
                    "\(d.unread)" + (d.unreadChecked.map { "; kontrollerade mot papperet: \($0)" } ?? "")
                ))
        }
        var outside: [ReportBlock] = []
        if !d.filesOutside.isEmpty {
            outside = [
                .heading("Filer med klientuppgifter utanför arbetsytan"),
                .paragraph(
                    "Verktyget skrev de här filerna på begäran. De raderas inte av rensningen: radera dem själv "
                        + "när de inte längre behövs."),
                .table(
                    ReportTable(
                        columns: [.init("Fil", weight: 4), .init("Vad", weight: 1.2)],
                        rows: d.filesOutside.map { [$0.path, $0.what] }, emptyText: "")),
            ]
        }
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
            ] + outside + [
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
