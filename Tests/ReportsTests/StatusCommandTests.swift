import Drafts
import FormKit
import Foundation
import Reports
import TestSupport
import Testing

@Suite(
    "status and export on an ingested workspace", .serialized, .tags(.endToEnd), .enabled(if: TestRun.includesEndToEnd))
struct StatusCommandTests {
    @Test("status lists every form with its records, deadline and overdue records; the outage end is kept")
    func status() throws {
        let dir = try TemporaryDirectory()
        let ws = try OutageWorkspace.copy(into: dir)
        let export = try ExportedWorkspace(workspace: ws)

        let outage = try runAvbrott(["outage", "--workspace", ws, "--end", "2026-10-19", "--clerk", "Test Person"])
        #expect(outage.status == 0, "\(outage.errorText)")
        #expect(outage.text.contains("Avbrottet slutade: 2026-10-19"))
        let first = try runAvbrott(["status", "--workspace", ws])
        #expect(first.status == 0, "\(first.errorText)")
        let text = first.text
        #expect(text.contains("Avbrottet slut: 2026-10-19."))
        // An utredning unit (the example): everything in the social system as soon as it is back.
        for form in ["bilaga-3", "bilaga-4", "bilaga-5"] {
            let rows = export.rows(form).count
            #expect(rows > 0, "no rows read on \(form)")
            let line = text.split(separator: "\n").first { $0.hasPrefix(form + " ") }.map(String.init) ?? ""
            // Blankett, Blad, Poster, …: the sheet count and the record count.
            let numbers = line.split(separator: " ").compactMap { Int($0) }
            #expect(numbers.prefix(2) == [1, rows], "\(line)")
            #expect(line.contains("Sociala system (Paraplyet), snarast när systemen fungerar igen"), "\(line)")
        }
        let usb = text.split(separator: "\n").first { $0.hasPrefix("bilaga-2 ") }.map(String.init) ?? ""
        #expect(usb.contains("registreras inte; återlämnas till informationssäkerhetssamordnare"), "\(usb)")
        #expect(text.contains("USB-minnen (1 ute av 2)"))
        // "Snarast" has no day: nothing is overdue by a count the plan does not give.
        #expect(text.contains("Försenade poster (0)"))

        // An HSL unit: bilaga 4's documents in ParaSoL within ten working days, so overdue now.
        let unit = dir.file("hsl.yaml")
        try String(contentsOfFile: RepositoryPaths.forms.path + "/units/example.yaml", encoding: .utf8)
            .replacingOccurrences(of: "type: utredning", with: "type: hsl")
            .write(toFile: unit, atomically: true, encoding: .utf8)
        #expect(try runAvbrott(["outage", "--workspace", ws, "--unit", unit]).status == 0)
        let hsl = try runAvbrott(["status", "--workspace", ws]).text
        let documents = hsl.split(separator: "\n").first { $0.hasPrefix("bilaga-4 ") }.map(String.init) ?? ""
        #expect(documents.contains("ParaSoL, inom 10 arbetsdagar"), "\(documents)")
        #expect(
            Deadline.workingDays(10).dueDate(outageEnded: CivilDate(iso: "2026-10-19")!)?.description == "2026-11-02")
        #expect(hsl.contains("Försenade poster (\(export.rows("bilaga-4").count))"), "\(hsl)")
        let decisions = hsl.split(separator: "\n").first { $0.hasPrefix("bilaga-3 ") }.map(String.init) ?? ""
        #expect(decisions.contains("planen anger inget för den här enhetstypen"))

        // Kept in the workspace, and the change is audited.
        let second = try runAvbrott(["status", "--workspace", ws])
        #expect(second.text.contains("Avbrottet slut: 2026-10-19."))
        #expect(
            try OutageWorkspace.sql(ws, "SELECT new_value FROM audit WHERE action = 'outage' ORDER BY id DESC LIMIT 1")
                .contains("2026-10-12–2026-10-19"))

        // An outage that ended today: nothing is overdue yet (the HSL unit's ten days have not passed).
        #expect(try runAvbrott(["outage", "--workspace", ws, "--end", CivilDate.today().description]).status == 0)
        let later = try runAvbrott(["status", "--workspace", ws])
        #expect(later.text.contains("Försenade poster (0)"))
    }

    @Test("status refuses a bad date and a missing workspace in Swedish")
    func statusBadInput() throws {
        let dir = try TemporaryDirectory()
        let bad = try runAvbrott(["status", "--workspace", dir.file("finns-inte")])
        #expect(bad.status != 0)
        #expect(bad.errorText.contains("finns inte"))
        let ws = try OutageWorkspace.copy(into: dir)
        let date = try runAvbrott(["outage", "--workspace", ws, "--end", "2026-02-30"])
        #expect(date.status != 0)
        #expect(date.errorText.contains("ÅÅÅÅ-MM-DD"))
    }

    @Test("export JSON has the fixed shape, typed values and each record's status")
    func exportJSON() throws {
        let dir = try TemporaryDirectory()
        let ws = try OutageWorkspace.copy(into: dir)
        let export = try ExportedWorkspace(workspace: ws)
        #expect(Set(export.json.keys) == ["pages", "records"])
        #expect(export.pages.count == 4)
        for page in export.pages {
            #expect(Set(page.keys) == ["source", "page", "status", "form", "sheet", "reason", "blank", "scale"])
            #expect(page["blank"] as? Bool == false && abs(((page["scale"] as? Double) ?? 0) - 1) < 0.03)
            #expect(["identified", "unidentified", "duplicate"].contains(page["status"] as? String ?? ""))
            #expect(page["status"] as? String == "identified")
            #expect((page["sheet"] as? String)?.contains("K7M3QX") == true)
            #expect(page["reason"] is NSNull)
        }
        let required: Set<String> = [
            "source", "page", "sheet", "form", "row", "fields", "status", "verified_by", "verified_at",
        ]
        let catalog = try FormCatalog(directory: RepositoryPaths.forms)
        let typedValues = try JSONValueKinds.of(workspace: ws)
        for record in export.records {
            #expect(required.isSubset(of: Set(record.keys)))
            #expect(record["status"] as? String == "draft")
            #expect(record["verified_by"] is NSNull)
            let form = try catalog.require(record["form"] as? String ?? "")
            let layout = try LayoutEngine.layout(form)
            for (id, any) in record["fields"] as? [String: Any] ?? [:] {
                let field = try #require(any as? [String: Any])
                #expect(Set(field.keys) == ["value", "confidence", "review", "alternatives", "messages"])
                #expect(field["confidence"] is NSNumber && field["alternatives"] is [Any] && field["messages"] is [Any])
                let kind = try #require(layout.field(id)?.kind, "\(id) is not a field of \(form.id)")
                let value = field["value"]
                let typed = typedValues[ExportedWorkspace.id(record)]?[id]
                switch kind {
                case .choice: #expect(typed == .list, "\(id)")
                case .signature: #expect(typed == .bool, "\(id)")
                case .digits, .text: #expect(typed == .string || typed == .null, "\(id)")
                }
                if layout.field(id)?.pattern == .personnummer, let s = value as? String {
                    #expect(s.range(of: #"^\d{8}[-+]\d{4}$"#, options: .regularExpression) != nil, "\(s)")
                }
                if layout.field(id)?.pattern == .date, let s = value as? String {
                    #expect(CivilDate(iso: s) != nil && s.count == 10, "\(s)")
                }
            }
        }
        // Bilaga 4's crossed box comes out as the option's value.
        // Bilaga 4's crossed box comes out as the option's value (among any others the reader saw).
        let vad = export.rows("bilaga-4").compactMap { ExportedWorkspace.value($0, "r01.vad") as? [String] }
        #expect(vad.count == 1 && vad[0].contains("journalanteckning"), "\(vad)")

        let file = dir.file("export.json")
        let written = try runAvbrott(["export", "--format", "json", "--workspace", ws, "--out", file])
        #expect(written.status == 0)
        #expect(try mode(file) == 0o600)
        #expect(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) is [String: Any])
    }

    @Test("export CSV: for Excel in Sweden, a file per form's rows and one for its sheets' own fields")
    func exportCSV() throws {
        let dir = try TemporaryDirectory()
        let ws = try OutageWorkspace.copy(into: dir)
        let export = try ExportedWorkspace(workspace: ws)
        let folder = dir.file("csv")
        let out = try runAvbrott(["export", "--format", "csv", "--workspace", ws, "--out", folder])
        #expect(out.status == 0, "\(out.errorText)")
        #expect(try mode(folder) == 0o700)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        let forms = Set(export.records.compactMap { $0["form"] as? String })
        #expect(Set(files.filter { !$0.hasSuffix("-bladet.csv") }) == Set(forms.map { $0 + ".csv" }))
        let catalog = try FormCatalog(directory: RepositoryPaths.forms)
        for file in files {
            let path = folder + "/" + file
            #expect(try mode(path) == 0o600)
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
            let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
            #expect(text.hasSuffix("\r\n"))
            // Every line feed is preceded by a carriage return (CRLF).
            let lineFeeds = bytes.indices.filter { bytes[$0] == 0x0A }
            #expect(!lineFeeds.isEmpty && lineFeeds.allSatisfy { $0 > 0 && bytes[$0 - 1] == 0x0D })
            let lines = text.components(separatedBy: "\r\n").dropLast()
            let sheetFields = file.hasSuffix("-bladet.csv")
            let form = try catalog.require(String(file.dropLast(sheetFields ? 11 : 4)))
            let header = lines.first?.components(separatedBy: ";") ?? []
            // Swedish headers: the place, then the labels printed on the form, then what was done.
            let leading = sheetFields ? ["Fil", "Sida", "Blad", "Status"] : ["Fil", "Sida", "Blad", "Rad", "Status"]
            #expect(Array(header.prefix(leading.count)) == leading)
            let labels = ExportCSV.headers(ExportCSV.columns(of: form, part: sheetFields ? .sheet : .rows))
            #expect(Array(header.dropFirst(leading.count).prefix(labels.count)) == labels)
            #expect(header.contains("Att granska") && header.contains("Granskad av") && header.contains("Senast"))
            #expect(!header.contains("verified_by") && !header.contains("source"))
            let records = export.records.filter {
                $0["form"] as? String == form.id && ($0["row"] is NSNull) == sheetFields
            }
            #expect(lines.count - 1 == records.count, "\(file)")
            // Statuses and times a Swedish clerk reads.
            let utc = try Regex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}")
            for line in lines.dropFirst() {
                let status = line.components(separatedBy: ";")[leading.count - 1]
                #expect(["utkast", "granskad", "registrerad"].contains(status))
                #expect(!line.contains(utc), "no UTC timestamps: \(line)")
            }
        }
        let bilaga4 = try String(contentsOfFile: folder + "/bilaga-4.csv", encoding: .utf8)
        #expect(bilaga4.contains(";Journalant.;"), "options as printed")
        #expect(!bilaga4.contains(";journalanteckning;"), "not their ids")
    }

    @Test("CSV quoting follows RFC 4180")
    func quoting() {
        #expect(ExportCSV.quote("Bistånd") == "Bistånd")
        #expect(ExportCSV.quote("a;b") == "\"a;b\"")
        #expect(ExportCSV.quote("säger \"hej\"") == "\"säger \"\"hej\"\"\"")
        #expect(ExportCSV.quote("två\nrader") == "\"två\nrader\"")
    }
}
