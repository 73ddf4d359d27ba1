import Foundation
import Platform
import TestSupport
import Testing

@testable import Binder
@testable import FormKit

/// `avbrott print` run as a user would, the PDF checked with poppler and zbar.
@Suite("avbrott print", .serialized, .tags(.endToEnd), .enabled(if: TestRun.includesEndToEnd))
struct PrintCommandTests {
    static let binderID = "K7M3QX"

    /// Prints the default binder into `dir`; returns the PDF's path.
    func printBinder(in dir: TemporaryDirectory) throws -> String {
        let pdf = dir.file("parm.pdf")
        let output = try runAvbrott(["print", "--binder-id", Self.binderID, "-o", pdf])
        guard output.status == 0 else { throw ToolError(description: "print failed: \(output.errorText)") }
        #expect(output.errorText.contains("Skrev"))
        #expect(try dir.contents() == ["parm.pdf"], "a temporary file was left behind")
        return pdf
    }

    func expectedPlan() throws -> BinderPlan {
        let catalog = try FormCatalog(directory: RepositoryPaths.forms)
        let unitText = try String(
            contentsOf: RepositoryPaths.forms.appendingPathComponent("units/example.yaml"), encoding: .utf8)
        let unit = try UnitConfigurationParser.parse(unitText, file: "example.yaml")
        let contentText = try String(
            contentsOf: RepositoryPaths.forms.appendingPathComponent("binder/contents.yaml"), encoding: .utf8)
        let content = try BinderContentParser.parse(contentText, file: "contents.yaml")
        return BinderPlan.binder(catalog: catalog, unit: unit, content: content, binderID: Self.binderID)
    }

    @Test("the binder has the planned pages and texts, A4 in the right orientation, fonts embedded, owner-only")
    func pagesAndSizes() throws {
        let dir = try TemporaryDirectory(prefix: "print")
        let pdf = try printBinder(in: dir)
        let plan = try expectedPlan()
        // Seven text pages and the unit's sheets: 3 quick references, cover, contents, return, contacts.
        let sheets = plan.pages.filter { if case .form = $0.content { return true } else { return false } }.count
        #expect(plan.pages.count == sheets + 7)
        let info = try runToolChecked("pdfinfo", ["-f", "1", "-l", "\(plan.pages.count)", pdf])
        #expect(info.contains("Pages:           \(plan.pages.count)"))
        for (i, page) in plan.pages.enumerated() {
            var landscape = false
            if case .form(let form, _, _) = page.content { landscape = form.orientation == .landscape }
            let size = landscape ? "841.89 x 595.276 pts" : "595.276 x 841.89 pts"
            let number = String(i + 1)
            let label = "Page " + String(repeating: " ", count: max(0, 4 - number.count)) + number + " size:  " + size
            #expect(info.contains(label), "page \(i + 1) should be \(size)")
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: pdf)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        try texts(pdf)
        try fontsEmbedded(pdf)
    }

    func texts(_ pdf: String) throws {
        let text = try runToolChecked("pdftotext", ["-layout", pdf, "-"])
        for expected in [
            "Avbrotts- och kontinuitetspärm", "Innehåll", "SNABBGUIDE · AVBROTTSNIVÅ I",
            "Stadens nätverk fungerar, men sociala system går", "Inga datorer eller system fungerar",
            "När sociala system fungerar igen", "Snarast när systemen", "Sociala system (Paraplyet)", "Kassaförvaltare",
            "Karin Låtsasdotter", "Manuell förteckning av fattade beslut", "Utförda utbetalningar via ICA-kort",
            "Övriga upprättade handlingar", "Journalanteckning enligt SoL/LSS", "Kalibreringsblad",
            "Pärm-id", Self.binderID, "Sida 1 av", "75 000 kr", "Avbrott \(ProgramVersion.current)",
        ] {
            #expect(text.contains(expected), "missing text: \(expected)")
        }
    }

    func fontsEmbedded(_ pdf: String) throws {
        let fonts = try runToolChecked("pdffonts", [pdf])
        let rows = fonts.split(separator: "\n").dropFirst(2)
        #expect(rows.count >= 2)
        for row in rows {
            let columns = row.split(separator: " ", omittingEmptySubsequences: true)
            // name type [type2] encoding emb sub uni object id
            #expect(columns.suffix(5).first == "yes", "font not embedded: \(row)")
        }
    }

    @Test("no word is cut on the contacts page or the registration table: long roles, names and e-mail addresses")
    func wordsAreNotCut() throws {
        let dir = try TemporaryDirectory(prefix: "print")
        let long = "informationssakerhetssamordnaren.stadsdelsforvaltningen@exempelby.invalid"
        let config = try String(contentsOfFile: RepositoryPaths.forms.path + "/units/example.yaml", encoding: .utf8)
            .replacingOccurrences(of: "asa.testberg@exempelby.invalid", with: long)
            .replacingOccurrences(of: "name: Åsa Testberg", with: "name: Åsa-Britt Testbergsdotter-Sjöholm")
        try config.write(toFile: dir.file("enhet.yaml"), atomically: true, encoding: .utf8)
        let pdf = dir.file("p.pdf")
        let out = try runAvbrott(["print", "--config", dir.file("enhet.yaml"), "-o", pdf])
        #expect(out.status == 0, "\(out.errorText)")
        let text = try runToolChecked("pdftotext", ["-layout", pdf, "-"])
        // The long address is cut only after one of its dots or its "@": both halves whole.
        #expect(
            text.contains("informationssakerhetssamordnaren.")
                && text.contains("stadsdelsforvaltningen@exempelby.invalid"), "\(text)")
        for word in [
            "Informationssäkerhetssamordnare", "informationssäkerhetssamordnare", "Testbergsdotter-Sjöholm",
            "birgitta.exempelsson@exempelby.invalid",
        ] {
            #expect(text.contains(word), "cut: \(word)")
        }
    }

    @Test("every sheet's code decodes to that sheet's id")
    func sheetCodes() throws {
        let dir = try TemporaryDirectory(prefix: "print")
        let pdf = try printBinder(in: dir)
        let plan = try expectedPlan()
        let raster = try TemporaryDirectory(prefix: "codes")
        try runToolChecked("pdftoppm", ["-r", "150", "-gray", pdf, raster.file("p")])
        let pages = try raster.contents().filter { $0.hasSuffix(".pgm") }.sorted()
        #expect(pages.count == plan.pages.count)
        for (i, file) in pages.enumerated() {
            let decoded = try runTool("zbarimg", ["--raw", "-q", "-Sdisable", "-Sqrcode.enable", raster.file(file)])
            let payload = decoded.text.trimmingCharacters(in: .whitespacesAndNewlines)
            let id = try #require(SheetID(payload: payload), "page \(i + 1): no sheet code (\(payload))")
            #expect(id == plan.pages[i].sheet)
            #expect(id.serial == i + 1)
            #expect(id.binder == Self.binderID)
        }
    }
}
