import Drafts
import FormKit
import Foundation
import Platform
import Reports
import TestSupport
import Testing

@Suite(
    "register, report and purge on an ingested workspace", .serialized, .tags(.endToEnd),
    .enabled(if: TestRun.includesEndToEnd))
struct RegistrationTests {
    @Test("register refuses a draft, registers a verified record and fills bilaga 3's empty column")
    func register() throws {
        let dir = try TemporaryDirectory()
        let ws = try OutageWorkspace.copy(into: dir)
        let before = try ExportedWorkspace(workspace: ws)
        let rows = before.rows("bilaga-3")
        let first = try #require(rows.first { ExportedWorkspace.string($0, "r01.registrerad_datum") == nil })
        let id = ExportedWorkspace.id(first)

        let refused = try runAvbrott(["register", "--workspace", ws, "--record", "\(id)", "--clerk", "Test Person"])
        #expect(refused.status != 0)
        #expect(refused.errorText.contains("utkast") && refused.errorText.contains("granska"), "\(refused.errorText)")
        #expect(try ExportedWorkspace(workspace: ws).record(id: id)?["status"] as? String == "draft")

        try OutageWorkspace.verify(ws, ids: rows.map(ExportedWorkspace.id))
        let early = try runAvbrott(["register", "--workspace", ws, "--record", "\(id)", "--date", "2026-10-01"])
        #expect(early.status != 0, "a registration before the decision date is refused")
        #expect(early.errorText.contains("före beslutsdatumet"))

        let done = try runAvbrott([
            "register", "--workspace", ws, "--record", "\(id)", "--date", "2026-10-22",
            "--sign", "TP", "--clerk", "Test Person",
        ])
        #expect(done.status == 0, "\(done.errorText)")
        #expect(done.text.contains("Paraplyet"))
        let after = try #require(try ExportedWorkspace(workspace: ws).record(id: id))
        #expect(after["status"] as? String == "registered")
        #expect(after["registered_at"] as? String == "2026-10-22")
        #expect(after["registered_by"] as? String == "TP")
        #expect(after["registered_system"] as? String == "Sociala system (Paraplyet)")
        #expect(after["verified_by"] as? String == "Testgranskare")
        #expect(ExportedWorkspace.string(after, "r01.registrerad_datum") == "2026-10-22")
        #expect(ExportedWorkspace.string(after, "r01.registrerad_sign") == "TP")
        let audit = try OutageWorkspace.sql(
            ws,
            "SELECT action || ' ' || IFNULL(field_id, '') || ' ' || clerk FROM audit "
                + "WHERE record_id = \(id) ORDER BY id")
        #expect(audit.contains("register  Test Person"))
        #expect(audit.contains("register-fill r01.registrerad_datum Test Person"))
        #expect(audit.contains("register-fill r01.registrerad_sign Test Person"))

        let again = try runAvbrott(["register", "--workspace", ws, "--record", "\(id)"])
        #expect(again.status != 0)
        #expect(again.errorText.contains("redan"))

        // What was written on paper is the registration: its date and sign, not today's and another's.
        let paper = try #require(rows.first { ExportedWorkspace.string($0, "r02.registrerad_datum") != nil })
        let all = try runAvbrott([
            "register", "--workspace", ws, "--all-verified", "--form", "bilaga-3", "--date", "2026-10-23",
            "--clerk", "Carl Dahl",
        ])
        #expect(all.status == 0, "\(all.errorText)")
        #expect(all.text.contains("2026-10-20, sign AB (enligt pappret)"), "\(all.text)")
        let final = try ExportedWorkspace(workspace: ws)
        #expect(final.rows("bilaga-3").allSatisfy { $0["status"] as? String == "registered" })
        let paperAfter = try #require(final.record(id: ExportedWorkspace.id(paper)))
        #expect(
            ExportedWorkspace.string(paperAfter, "r02.registrerad_datum")
                == ExportedWorkspace.string(paper, "r02.registrerad_datum"))
        #expect(
            paperAfter["registered_by"] as? String == "AB" && paperAfter["registered_at"] as? String == "2026-10-20")

        #expect(try runAvbrott(["outage", "--workspace", ws, "--end", "2026-10-19"]).status == 0)
        let status = try runAvbrott(["status", "--workspace", ws])
        let line = status.text.split(separator: "\n").first { $0.hasPrefix("bilaga-3 ") }.map(String.init) ?? ""
        let numbers = line.split(separator: " ").compactMap { Int($0) }
        // Blad, Poster, Granska, Valideringsfel, Utkast, Granskade, Registrerade, Försenade
        #expect(numbers.count >= 8 && Array(numbers[4...7]) == [0, 0, rows.count, 0], "\(line)")
    }

    @Test("the management report: PDF with charts and tables, no client data; a terminal summary")
    func report() throws {
        let dir = try TemporaryDirectory()
        let ws = try OutageWorkspace.copy(into: dir)
        let export = try ExportedWorkspace(workspace: ws)
        let decisions = export.rows("bilaga-3")
        try OutageWorkspace.verify(ws, ids: [ExportedWorkspace.id(decisions[0])])
        _ = try runAvbrott([
            "register", "--workspace", ws, "--record", "\(ExportedWorkspace.id(decisions[0]))",
            "--date", "2026-10-22",
        ])
        let pdf = dir.file("rapport.pdf")
        #expect(try runAvbrott(["outage", "--workspace", ws, "--end", "2026-10-19"]).status == 0)
        let out = try runAvbrott(["report", "--workspace", ws, "--out", pdf])
        #expect(out.status == 0, "\(out.errorText)")
        #expect(try mode(pdf) == 0o600)
        let text = try pdfText(pdf)
        for heading in [
            "Sammanställning efter avbrottet i sociala system", "Poster per blankett", "Per blankett",
            "Upprättade handlingar", "Beslut (bilaga 3)", "Utbetalningar via ICA-kort (bilaga 5)",
            "USB-minnen (bilaga 2)", "Ej registrerat", "Registrerade", "Ej registrerade",
        ] {
            #expect(text.contains(heading), "missing \(heading)")
            #expect(out.text.contains(heading), "terminal summary misses \(heading)")
        }
        #expect(text.contains("Slut") && text.contains("2026-10-19"))

        // Payments: the sum of the amounts as exported, and the row whose total crossed 67 500 kr.
        let payments = export.rows("bilaga-5")
        let amounts = payments.compactMap {
            ExportedWorkspace.string($0, "r\(String(format: "%02d", ($0["row"] as? Int) ?? 0)).belopp")
        }
        let sum = amounts.compactMap { Int($0) }.reduce(0, +)
        #expect(
            out.text.range(of: "Summa av beloppen:\\s+" + kronor(sum), options: .regularExpression) != nil, "\(sum)")
        var previous = 0
        var crossing: [String] = []
        for p in payments {
            let row = String(format: "%02d", (p["row"] as? Int) ?? 0)
            guard let total = ExportedWorkspace.string(p, "r\(row).totalt").flatMap({ Int($0) }) else { continue }
            // The example unit's warning level (Forms/units/example.yaml: ica_account.warn_at).
            if previous < 65_000 && total >= 65_000 {
                crossing.append(ExportedWorkspace.string(p, "r\(row).verifikation") ?? "?")
            }
            previous = total
        }
        #expect(!crossing.isEmpty)
        for voucher in crossing { #expect(text.contains(voucher)) }

        // USB sticks: handed out and returned, by number.
        let sticks = export.rows("bilaga-2")
        let returned = sticks.filter { s in
            let row = String(format: "%02d", (s["row"] as? Int) ?? 0)
            return ExportedWorkspace.string(s, "r\(row).ater_datum") != nil
                || ExportedWorkspace.value(s, "r\(row).ater_signatur") as? Bool == true
        }.count
        #expect(
            out.text.contains("USB-minnen  ")
                && out.text.contains("\(sticks.count) (\(returned) / \(sticks.count - returned))"))
        #expect(text.contains("ute (saknar datum"))

        // The outage, the 48-hour rule and the page for the analysis meeting.
        #expect(text.contains("Början") && text.contains("2026-10-12") && text.contains("Längd"))
        #expect(text.contains("48 timmar") && out.text.contains("fackliga"))
        #expect(text.contains("Analys: ledningsgruppen och fackliga företrädare"))
        #expect(text.contains("Arbetsmiljö och belastning") && text.contains("Facklig företrädare"))
        #expect(text.contains("Varningsnivå") && text.contains("65 000 kr"))

        // Nothing confidential: no client names, no personnummer in any form.
        for sheet in OutageWorkspace.sheets {
            for (id, value) in sheet.entries where id.hasSuffix("namn") || id.hasSuffix("personnummer") {
                #expect(!text.contains(value) && !out.text.contains(value), "\(value) printed")
                if id.hasSuffix("personnummer") {
                    let dashed = "\(value.prefix(6))-\(value.suffix(4))"
                    #expect(
                        !text.contains(dashed) && !text.contains("19" + dashed) && !out.text.contains("19" + dashed))
                }
            }
        }
    }

    @Test("purge refuses while records are unregistered, then purges with --force and writes a receipt")
    func purgeForced() throws {
        let dir = try TemporaryDirectory()
        let ws = try OutageWorkspace.copy(into: dir)
        let refused = try runAvbrott(["purge", "--workspace", ws, "--receipt", dir.file("k.pdf")])
        #expect(refused.status != 0)
        #expect(refused.errorText.contains("Ej registrerade poster"))
        #expect(refused.errorText.contains("post "))
        #expect(FileManager.default.fileExists(atPath: ws + "/utkast.sqlite"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("k.pdf")))

        let noReason = try runAvbrott(["purge", "--workspace", ws, "--force"])
        #expect(noReason.status != 0 && noReason.errorText.contains("--reason"))
        let inside = try runAvbrott([
            "purge", "--workspace", ws, "--force", "--reason", "x", "--receipt", ws + "/k.pdf",
        ])
        #expect(inside.status != 0 && FileManager.default.fileExists(atPath: ws + "/utkast.sqlite"))

        let export = try ExportedWorkspace(workspace: ws)
        let originals = try FileManager.default.contentsOfDirectory(atPath: ws + "/original").count
        let receipt = dir.file("kvittens.pdf")
        let out = try runAvbrott([
            "purge", "--workspace", ws, "--force", "--reason", "Övning i rensning",
            "--clerk", "Test Person", "--receipt", receipt,
        ])
        #expect(out.status == 0, "\(out.errorText)")
        #expect(!FileManager.default.fileExists(atPath: ws), "the workspace is gone")
        #expect(try mode(receipt) == 0o600)
        let digest = try #require(
            out.text.split(separator: "\n").first { $0.hasPrefix("Kontrollsumma") }?
                .split(separator: " ").last.map(String.init))
        #expect(digest.count == 64 && digest.allSatisfy(\.isHexDigit))

        let text = try pdfText(receipt)
        #expect(text.contains("Kvittens: rensning av arbetsyta"))
        #expect(text.contains("Test Person"))
        #expect(text.contains("Tvingad rensning") && text.contains("Övning i rensning"))
        #expect(text.contains(String(digest.prefix(32))) && text.contains(String(digest.suffix(32))))
        #expect(text.contains("Raderade filer") && text.contains("\(originals + 1) filer"))
        for form in ["bilaga-2", "bilaga-3", "bilaga-4", "bilaga-5"] {
            let n = export.records.filter { $0["form"] as? String == form }.count
            #expect(
                text.range(of: "\(form)\\s+\\S.*\\s\(n)\\s+0\\b", options: .regularExpression) != nil, "\(form) \(n)")
        }
        for sheet in OutageWorkspace.sheets {
            for (id, value) in sheet.entries where id.hasSuffix("namn") || id.hasSuffix("personnummer") {
                #expect(!text.contains(value))
            }
        }
    }

    @Test("purge without --force once everything is registered; the digest covers the deleted files")
    func purgeRegistered() throws {
        let dir = try TemporaryDirectory()
        let ws = try OutageWorkspace.copy(into: dir)
        let export = try ExportedWorkspace(workspace: ws)
        let rows = export.records.filter { !($0["row"] is NSNull) }
        try OutageWorkspace.verify(ws, ids: rows.map(ExportedWorkspace.id))
        for form in ["bilaga-3", "bilaga-4", "bilaga-5"] {
            let r = try runAvbrott(["register", "--workspace", ws, "--all-verified", "--form", form, "--sign", "TP"])
            #expect(r.status == 0, "\(form): \(r.errorText)")
        }
        // USB stick 0043 was never returned: it is refused, and so is the purge.
        let usb = try runAvbrott(["register", "--workspace", ws, "--all-verified", "--form", "bilaga-2"])
        #expect(usb.status == 1)
        #expect(usb.text.contains("2026-10-20, sign signerat på pappret (enligt pappret)"), "\(usb.text)")
        #expect(usb.errorText.contains("USB-minne 0043 saknar datum"), "\(usb.errorText)")
        let refused = try runAvbrott(["purge", "--workspace", ws, "--receipt", dir.file("kvittens.pdf")])
        #expect(refused.status == 1 && refused.errorText.contains("nr 0043 hos "), "\(refused.errorText)")
        // Returned and signed after all (corrected in review): now it is done.
        let stick = try #require(rows.first { ExportedWorkspace.string($0, "r02.usb_nummer") == "0043" })
        try OutageWorkspace.sql(
            ws,
            "UPDATE field SET value = CASE field_id WHEN 'r02.ater_datum' THEN '2026-10-28' ELSE 'true' END "
                + "WHERE record_id = \(ExportedWorkspace.id(stick)) AND field_id IN ('r02.ater_datum', 'r02.ater_signatur')"
        )
        #expect(try runAvbrott(["register", "--workspace", ws, "--all-verified", "--form", "bilaga-2"]).status == 0)
        let out = try runAvbrott([
            "purge", "--workspace", ws, "--clerk", "Test Person", "--receipt", dir.file("kvittens.pdf"),
        ])
        #expect(out.status == 0, "\(out.errorText)")
        #expect(!FileManager.default.fileExists(atPath: ws))
        #expect(out.text.contains("Kontrollsumma (SHA-256): "))
        let text = try pdfText(dir.file("kvittens.pdf"))
        #expect(text.contains("Alla poster var registrerade"))
        // The counts agree: every row registered, the sheets' own fields registered nowhere.
        let sheetsOwn = export.records.count - rows.count
        #expect(text.contains("\(export.records.count): \(rows.count - 2) registrerade, 0 ej registrerade"), "\(text)")
        #expect(text.contains("\(sheetsOwn + 2) registreras inte"))
        #expect(!text.contains("Tvingad"))
    }

    @Test("the purge digest is SHA-256 over every deleted file's hash and path, as sha256sum computes it")
    func purgeDigest() throws {
        let dir = try TemporaryDirectory()
        let path = try OutageWorkspace.copy(into: dir)
        let store = try DraftStore(workspace: try Workspace(path: path, create: false))
        let catalog = try FormCatalog(directory: RepositoryPaths.forms)
        let manifest = try store.closeForPurge(forms: catalog.forms)
        // Closed: the database is one file, and every file in the workspace is listed.
        var onDisk = try FileManager.default.contentsOfDirectory(atPath: path + "/original").map { "original/" + $0 }
        // The lock and its holders' notes are the tool's too, removed after the listed files; they hold nothing.
        onDisk += try FileManager.default.contentsOfDirectory(atPath: path).filter {
            $0 != "original" && $0 != WorkspaceLock.lockFile && $0 != WorkspaceLock.holdersFolder
        }
        #expect(manifest.files.map(\.path).sorted() == onDisk.sorted())
        #expect(onDisk.contains("utkast.sqlite") && !onDisk.contains("utkast.sqlite-wal"))
        #expect(manifest.digest == (try independentDigest(path, files: onDisk)))
        #expect(manifest.scanFiles == 4 && manifest.pages == 4)
        // Originals are stored under their content hash: the listed hash is the name.
        for file in manifest.files where file.path.hasPrefix("original/") {
            #expect(file.path.contains(file.sha256))
        }
        let left = try PurgeWorkspace.delete(store.workspace)
        #expect(left.isEmpty && !FileManager.default.fileExists(atPath: path))
    }

    /// SHA-256 over "<sha256>  <path>" lines of `files`, sorted by path, with sha256sum.
    func independentDigest(_ ws: String, files: [String]) throws -> String {
        var lines = ""
        for path in files.sorted() {
            let sum =
                try runToolChecked("sha256sum", [ws + "/" + path]).split(separator: " ").first.map(String.init) ?? ""
            lines += "\(sum)  \(path)\n"
        }
        let scratch = try TemporaryDirectory()
        try lines.write(toFile: scratch.file("list"), atomically: true, encoding: .utf8)
        return try runToolChecked("sha256sum", [scratch.file("list")]).split(separator: " ").first.map(String.init)
            ?? ""
    }
}

func kronor(_ n: Int) -> String {
    var digits = String(n)
    var groups: [String] = []
    while digits.count > 3 {
        groups.insert(String(digits.suffix(3)), at: 0)
        digits.removeLast(3)
    }
    groups.insert(digits, at: 0)
    return groups.joined(separator: " ") + " kr"
}
