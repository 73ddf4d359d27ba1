import Foundation
import TestSupport
import Testing

/// The line ingest writes for each page: the sheet, what was filled in, what
/// needs a person, and a hint when the scan is below the recommended 300 dpi.
@Suite("avbrott ingest page lines", .tags(.endToEnd), .enabled(if: TestRun.includesEndToEnd))
struct IngestPageLinesTests {
    @Test func lowResolutionPagesGetAHintAndTemplatesAreNamedAsSuch() throws {
        let dir = try TemporaryDirectory(prefix: "page-lines")
        let scans = try dir.subdirectory("skanningar")
        let list = try #require(try ScanFixtures.blankSheets(form: "bilaga-3", dpi: 300, in: dir, name: "lista").first)
        let template = try #require(try ScanFixtures.blankSheets(form: "beslut", dpi: 200, in: dir, name: "mall").first)
        let blank = try #require(try ScanFixtures.blankSheets(form: "bilaga-4", dpi: 300, in: dir, name: "tom").first)
        // A stroke of a name on the list's first row and in the decision's name field: written on, not blank.
        try ScanFixtures.draw(
            strokes: [[(26, 66), (40, 68), (55, 64)]], into: list, dpi: 300,
            output: scans.appendingPathComponent("lista-300.png").path)
        try ScanFixtures.draw(
            strokes: [[(20, 63), (45, 64), (70, 61)]], into: template, dpi: 200,
            output: scans.appendingPathComponent("beslut-200.png").path)
        try FileManager.default.moveItem(atPath: blank, toPath: scans.appendingPathComponent("tom-300.png").path)

        let output = try ingestDuringSampleOutage(workspace: dir.file("arbetsyta"), [scans.path])
        #expect(output.status == 0, "\(output.errorText)")
        let lines = output.errorText.split(separator: "\n").map(String.init)
        let listLine = try #require(lines.first { $0.hasPrefix("lista-300.png sida 1:") })
        #expect(listLine.contains("bilaga-3"))
        #expect(listLine.contains("1 ifylld rad,"))
        #expect(!listLine.contains("dpi"), "a 300 dpi scan needs no hint")
        let templateLine = try #require(lines.first { $0.hasPrefix("beslut-200.png sida 1:") })
        #expect(templateLine.contains("beslut"))
        #expect(templateLine.contains(", mall,"))
        #expect(!templateLine.contains("ifyllda rader"), "a template has no rows")
        #expect(templateLine.contains("(skannad i bara 200 dpi)"))
        #expect(output.errorText.contains("tips: 1 av sidorna är skannad under 300 dpi"))
        // A sheet with nothing written on it is a page, not a record.
        let blankLine = try #require(lines.first { $0.hasPrefix("tom-300.png sida 1:") })
        #expect(blankLine.hasSuffix("bilaga-4 v1 · K7M3QX-0001, tom blankett"))
        #expect(output.text.contains("3 identifierade (varav 1 utan något ifyllt)"))
    }
}
