import Drafts
import FormKit
import Foundation
import Reports
import TestSupport
import Testing

/// The days after the outage on a workspace ingested from written sheets:
/// the worklist, finding a client, warnings that stay, the purge receipt.
@Suite(
    "worklist, find and what stays visible after review", .serialized, .tags(.endToEnd),
    .enabled(if: TestRun.includesEndToEnd))
struct WorklistTests {
    @Test("the worklist: by system and handläggare, with client, personnummer and paper; filters; JSON and PDF")
    func worklist() throws {
        let dir = try TemporaryDirectory()
        let ws = try OutageWorkspace.copy(into: dir)
        let export = try ExportedWorkspace(workspace: ws)
        let text = try runAvbrott(["worklist", "--workspace", ws])
        #expect(text.status == 0, "\(text.errorText)")
        let toRegister = ["bilaga-3", "bilaga-4", "bilaga-5"].map { export.rows($0).count }.reduce(0, +)
        #expect(text.text.contains("\(toRegister) poster att registrera, 1 USB-minne ute"), "\(text.text)")
        #expect(text.text.contains("Sociala system (Paraplyet) (\(toRegister) poster)"))
        #expect(text.text.contains("Handläggare: Handläggare Ett"))
        #expect(text.text.contains("Testa Testsson") && text.text.contains("19850101-1236"))
        #expect(text.text.contains("K7M3QX-") && text.text.contains("rad 1"))
        #expect(text.text.contains("Granskas först (avbrott review)"))
        #expect(text.text.contains("USB-minnen som är ute (1)") && text.text.contains("0043"))

        // Filters: another system has nothing; only overdue has nothing ("snarast" has no day).
        let other = try runAvbrott(["worklist", "--workspace", ws, "--system", "vodok"])
        #expect(other.text.contains("Inget kvar att registrera"))
        #expect(try runAvbrott(["worklist", "--workspace", ws, "--overdue"]).text.contains("0 poster att registrera"))

        // JSON, with the documented keys.
        let json = try runAvbrott(["worklist", "--workspace", ws, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
        let items = try #require(object["items"] as? [[String: Any]])
        #expect(items.count == toRegister)
        for key in [
            "system", "deadline", "form", "record", "personnummer", "name", "clerk", "status", "notes", "warnings",
            "sheet", "row",
        ] {
            #expect(items.allSatisfy { $0[key] != nil }, "key \(key)")
        }
        #expect((object["usb"] as? [[String: Any]])?.first?["number"] as? String == "0043")
        // A handläggare's own list (the name as the sheets' footers were read; bilaga 4 names none).
        let hers = items.filter {
            (($0["clerk"] as? String) ?? "").folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
                .contains("handlaggare ett")
        }.count
        #expect(hers > 0 && hers < toRegister)
        let mine = try runAvbrott(["worklist", "--workspace", ws, "--clerk", "handlaggare ett", "--system", "PARAPLY"])
        #expect(mine.text.contains("\(hers) poster att registrera"), "\(mine.text)")
        #expect((object["ica"] as? [String: Any])?["total"] as? Int == 70_000)

        // PDF: a page per system, a column to tick; written where asked, 0600, named at the purge.
        let pdf = dir.file("arbetslista.pdf")
        let printed = try runAvbrott(["worklist", "--workspace", ws, "--format", "pdf", "-o", pdf])
        #expect(printed.status == 0, "\(printed.errorText)")
        #expect(try mode(pdf) == 0o600)
        let pages = try pdfText(pdf)
        #expect(pages.contains("Registrerad, sign.") && pages.contains("Testa Testsson"))
        #expect(try runAvbrott(["worklist", "--workspace", ws, "--format", "pdf"]).status != 0)
        let purge = try runAvbrott([
            "purge", "--workspace", ws, "--force", "--reason", "Övning", "--receipt", dir.file("kvittens.pdf"),
        ])
        #expect(purge.status == 0, "\(purge.errorText)")
        #expect(purge.errorText.contains(URL(fileURLWithPath: pdf).standardizedFileURL.path))
        let receipt = try pdfText(dir.file("kvittens.pdf"))
        #expect(receipt.contains("Filer med klientuppgifter utanför arbetsytan") && receipt.contains("arbetslista"))
        #expect(receipt.contains("USB-minnen ej återlämnade"))
    }

    @Test("find: a client's records across forms, by personnummer in any written form or by part of the name")
    func find() throws {
        let dir = try TemporaryDirectory()
        let ws = try OutageWorkspace.copy(into: dir)
        // Testa Testsson is on bilaga 3, 4 and 5.
        for query in ["19850101-1236", "8501011236", "850101-1236", "198501011236"] {
            let out = try runAvbrott(["find", "--workspace", ws, query])
            #expect(out.status == 0, "\(query): \(out.errorText)")
            #expect(out.text.contains("(3)"), "\(query): \(out.text)")
            for form in ["Bilaga 3", "Bilaga 4", "Bilaga 5"] { #expect(out.text.contains(form)) }
        }
        let name = try runAvbrott(["find", "--workspace", ws, "testsSON"])
        #expect(name.text.contains("(2)") && name.text.contains("Testa Testsson"), "\(name.text)")
        let nobody = try runAvbrott(["find", "--workspace", ws, "Ingen Alls"])
        #expect(nobody.status == 1 && nobody.text.contains("Inga poster hittades"))
        let bad = try runAvbrott(["find", "--workspace", ws, "12"])
        #expect(bad.status == 64 && bad.errorText.contains("10 eller 12 siffror"))
    }

    @Test("a check accepted at review stays visible: status, worklist and export name it and who accepted it")
    func acceptedWarnings() throws {
        let dir = try TemporaryDirectory()
        let ws = try OutageWorkspace.copy(into: dir)
        let export = try ExportedWorkspace(workspace: ws)
        // Bilaga 5 row 3's total written wrong (70 000 → 71 000), then verified as it stands.
        let row = try #require(export.rows("bilaga-5").first { $0["row"] as? Int == 3 })
        let id = ExportedWorkspace.id(row)
        let store = try DraftStore(workspace: try Workspace(path: ws, create: false))
        let total = try #require(try store.record(id: id)?.field("r03.totalt"))
        try OutageWorkspace.sql(
            ws,
            "UPDATE field SET value = '71000', verified = 1, verified_by = 'Bo Granskare', notes = "
                + "'[{\"kind\":\"invalid\",\"text\":\"Totalen stämmer inte: 65000 + 5000 = 70000, inte 71000.\"}]' "
                + "WHERE id = \(total.id ?? 0)")
        let status = try runAvbrott(["status", "--workspace", ws]).text
        #expect(status.contains("Godkända varningar (1)") && status.contains("Bo Granskare"), "\(status)")
        #expect(status.contains("Totalen stämmer inte"))
        let worklist = try runAvbrott(["worklist", "--workspace", ws]).text
        #expect(worklist.contains("Varning: Totalt utbetalt från ICA-kontot: Totalen stämmer inte"), "\(worklist)")
        #expect(worklist.contains("(godkänd av Bo Granskare)"))
        let report = try runAvbrott(["report", "--workspace", ws, "--out", dir.file("r.pdf")]).text
        #expect(report.range(of: "Varningar som godkänts vid granskning:\\s+1", options: .regularExpression) != nil)
    }

    @Test("purge: an unread page checked against the paper is said so on the receipt, without --force")
    func checkedUnread() throws {
        let dir = try TemporaryDirectory()
        let ws = try OutageWorkspace.copy(into: dir)
        let rows = try ExportedWorkspace(workspace: ws).records.filter { !($0["row"] is NSNull) }
        try OutageWorkspace.verify(ws, ids: rows.map(ExportedWorkspace.id))
        try OutageWorkspace.sql(
            ws,
            "UPDATE field SET value = CASE WHEN field_id LIKE '%ater_datum' THEN '2026-10-28' ELSE 'true' END "
                + "WHERE field_id LIKE 'r02.ater_%'")
        for form in ["bilaga-2", "bilaga-3", "bilaga-4", "bilaga-5"] {
            #expect(try runAvbrott(["register", "--workspace", ws, "--all-verified", "--form", form]).status == 0)
        }
        // A foreign sheet (no code) scanned with the rest.
        let foreign = dir.file("lapp.png")
        try runToolChecked(
            "convert",
            ["-size", "1654x2339", "xc:white", "-fill", "black", "-draw", "rectangle 300,300 900,400", foreign])
        #expect(try runAvbrott(["ingest", "--workspace", ws, foreign]).status != 0)
        let refused = try runAvbrott(["purge", "--workspace", ws, "--receipt", dir.file("k.pdf")])
        #expect(refused.status == 1 && refused.errorText.contains("--checked-unread"), "\(refused.errorText)")
        let done = try runAvbrott([
            "purge", "--workspace", ws, "--checked-unread", "En lapp från kaffeautomaten", "--receipt",
            dir.file("k.pdf"),
        ])
        #expect(done.status == 0, "\(done.errorText)")
        let receipt = try pdfText(dir.file("k.pdf"))
        #expect(receipt.contains("Alla poster var registrerade") && receipt.contains("En lapp från kaffeautomaten"))
    }

    @Test(
        "client files: a PDF/A per reviewed client document, a list's heading and the client's row only, index and sorting list"
    )
    func clientFiles() throws {
        let dir = try TemporaryDirectory()
        let ws = try OutageWorkspace.copy(into: dir)
        let export = try ExportedWorkspace(workspace: ws)
        let decisions = export.rows("bilaga-3")
        // Only reviewed records go into a client's file.
        try OutageWorkspace.verify(ws, ids: decisions.map(ExportedWorkspace.id))
        let folder = dir.file("akter")
        let out = try runAvbrott(["export", "--workspace", ws, "--format", "client-files", "--out", folder])
        #expect(out.status == 0, "\(out.errorText)")
        #expect(out.errorText.contains("togs inte med"))
        #expect(try mode(folder) == 0o700)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        let pdfs = files.filter { $0.hasSuffix(".pdf") }
        #expect(pdfs.count == decisions.count, "\(files)")
        // A record marked for follow-up stays out until the mark is resolved.
        let marked = ExportedWorkspace.id(decisions[2])
        try OutageWorkspace.sql(
            ws, "UPDATE record SET follow_up = 1, comment = 'Kolla personnumret' WHERE id = \(marked)")
        let again = dir.file("akter2")
        #expect(try runAvbrott(["export", "--workspace", ws, "--format", "client-files", "--out", again]).status == 0)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: again).filter { $0.hasSuffix(".pdf") }.count
                == decisions.count - 1)
        let first = try #require(pdfs.first { $0.hasPrefix("19850101-1236 ") }, "\(pdfs)")
        #expect(first == "19850101-1236 2026-10-15 Bilaga 3 rad 1.pdf")
        let path = folder + "/" + first
        #expect(try mode(path) == 0o600)
        // PDF/A-1b identification in its XMP metadata, a grey output intent.
        let meta = try runToolChecked("pdfinfo", ["-meta", path])
        #expect(meta.contains("<pdfaid:part>1</pdfaid:part>") && meta.contains("<pdfaid:conformance>B"))
        // The extract: the sheet's heading and one row, far less than the landscape sheet's 210 mm.
        let info = try runToolChecked("pdfinfo", [path])
        let size = try #require(info.split(separator: "\n").first { $0.hasPrefix("Page size:") })
        let numbers = size.split(separator: " ").compactMap { Double($0) }
        #expect(numbers.count >= 2 && numbers[1] / 72 * 25.4 < 80, "\(size)")
        let index = try String(contentsOfFile: folder + "/index.csv", encoding: .utf8)
        #expect(
            index.contains(
                "19850101-1236;Testa Testsson;2026-10-15;Bilaga 3;\"19850101-1236 2026-10-15 Bilaga 3 rad 1.pdf\"")
                || index.contains(
                    "19850101-1236;Testa Testsson;2026-10-15;Bilaga 3;19850101-1236 2026-10-15 Bilaga 3 rad 1.pdf"),
            "\(index)")
        #expect(index.contains("huvud och klientens rad ur en lista"))
        let sorting = try String(contentsOfFile: folder + "/sorteringslista.csv", encoding: .utf8)
        #expect(sorting.contains("Stannar hos arbetsledaren (lista med 3 rader)"), "\(sorting)")
        let audit = try OutageWorkspace.sql(ws, "SELECT note FROM audit WHERE action = 'wrote-file'")
        #expect(audit.contains("klientakternas dokument"))
    }
}
