import Foundation
import Reports
import TestSupport

/// A workspace made as a clerk would make it: four sheets (bilagor 2–5)
/// printed, written on and ingested with the real binary. Made once per
/// test run; every test works on its own copy.
enum OutageWorkspace {
    static let pn = FilledSheets.personnummer

    static let sheets: [(form: String, entries: FilledSheets.Entries)] = [
        (
            "bilaga-3",
            [
                ("r01.namn", "Testa Testsson"), ("r01.personnummer", pn("850101", "123")), ("r01.insats", "Bistånd"),
                ("r01.beslutsfattare", "Enhetschef"), ("r01.beslutsdatum", "261015"),
                ("r02.namn", "Prova Provsson"), ("r02.personnummer", pn("900202", "234")), ("r02.insats", "Hemtjänst"),
                ("r02.beslutsfattare", "Enhetschef"), ("r02.beslutsdatum", "261016"),
                ("r02.registrerad_datum", "261020"), ("r02.registrerad_sign", "AB"),
                ("r03.namn", "Exempel Exempelsson"), ("r03.personnummer", pn("770303", "345")),
                ("r03.insats", "Boende"),
                ("r03.beslutsfattare", "Gruppledare"), ("r03.beslutsdatum", "261016"),
                ("handlaggare", "Handläggare Ett"), ("handlaggare_signatur", "true"),
            ]
        ),
        (
            "bilaga-5",
            [
                ("r01.datum", "261013"), ("r01.personnummer", pn("850101", "123")), ("r01.verifikation", "100001"),
                ("r01.andamal", "Mat"), ("r01.belopp", "30000"), ("r01.beslutsfattare", "Chef"),
                ("r01.totalt", "30000"),
                ("r02.datum", "261014"), ("r02.personnummer", pn("900202", "234")), ("r02.verifikation", "100002"),
                ("r02.andamal", "Hyra"), ("r02.belopp", "35000"), ("r02.beslutsfattare", "Chef"),
                ("r02.totalt", "65000"),
                ("r03.datum", "261015"), ("r03.personnummer", pn("770303", "345")), ("r03.verifikation", "100003"),
                ("r03.andamal", "Resa"), ("r03.belopp", "5000"), ("r03.beslutsfattare", "Chef"),
                ("r03.totalt", "70000"),
                ("handlaggare", "Handläggare Ett"), ("handlaggare_signatur", "true"),
            ]
        ),
        (
            "bilaga-2",
            [
                ("r01.utlamning_datum", "261012"), ("r01.namn", "Anställd Ett"), ("r01.signatur", "true"),
                ("r01.arbetsplats", "Enhet A"), ("r01.usb_nummer", "0042"), ("r01.ater_datum", "261020"),
                ("r01.ater_signatur", "true"),
                ("r02.utlamning_datum", "261012"), ("r02.namn", "Anställd Två"), ("r02.signatur", "true"),
                ("r02.arbetsplats", "Enhet B"), ("r02.usb_nummer", "0043"),
            ]
        ),
        (
            "bilaga-4",
            [
                ("r01.datum", "261013"), ("r01.vad", "journalanteckning"), ("r01.namn", "Testa Testsson"),
                ("r01.personnummer", pn("850101", "123")), ("r01.signering", "true"),
                ("r02.datum", "261014"), ("r02.vad", "beslut"), ("r02.namn", "Prova Provsson"),
                ("r02.personnummer", pn("900202", "234")), ("r02.signering", "true"),
            ]
        ),
    ]

    /// The folder holding the scans and the ingested template workspace.
    static let template: Result<String, FixtureError> = {
        do {
            let root = try SharedFixtures.subfolder("status")
            try FileManager.default.createDirectory(atPath: root + "/skanningar", withIntermediateDirectories: true)
            for (i, sheet) in sheets.enumerated() {
                _ = try FilledSheets.make(
                    form: sheet.form, entries: sheet.entries, name: "skanning-\(i + 1)",
                    in: root + "/skanningar")
            }
            let ingest = try ingestDuringSampleOutage(workspace: root + "/arbetsyta", [root + "/skanningar"])
            guard ingest.status == 0 else {
                throw FixtureError("ingest failed (\(ingest.status)): \(ingest.text) \(ingest.errorText)")
            }
            return .success(root)
        } catch let error as FixtureError {
            return .failure(error)
        } catch {
            return .failure(FixtureError(String(describing: error)))
        }
    }()

    /// A fresh copy of the template workspace in `dir`; returns its path.
    static func copy(into dir: TemporaryDirectory) throws -> String {
        let root = try template.get()
        let target = dir.file("arbetsyta")
        try FileManager.default.copyItem(atPath: root + "/arbetsyta", toPath: target)
        return target
    }

    static var scans: String { get throws { try template.get() + "/skanningar" } }

    /// Runs SQL on the workspace's database with the sqlite3 command-line tool
    /// (how a test makes a record verified without the review screen).
    @discardableResult
    static func sql(_ workspace: String, _ statement: String) throws -> String {
        try runToolChecked("sqlite3", [workspace + "/utkast.sqlite", statement])
    }

    /// Marks records verified as a reviewer would.
    static func verify(_ workspace: String, ids: [Int64]) throws {
        guard !ids.isEmpty else { return }
        try sql(
            workspace,
            "UPDATE record SET status = 'verified', verified_by = 'Testgranskare', "
                + "verified_at = '2026-10-21T09:00:00Z' WHERE id IN (\(ids.map(String.init).joined(separator: ",")))")
    }
}
