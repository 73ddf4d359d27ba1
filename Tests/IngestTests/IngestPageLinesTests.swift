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
        try FileManager.default.moveItem(atPath: list, toPath: scans.appendingPathComponent("lista-300.png").path)
        try FileManager.default.moveItem(atPath: template, toPath: scans.appendingPathComponent("beslut-200.png").path)

        let output = try ingestDuringSampleOutage(workspace: dir.file("arbetsyta"), [scans.path])
        #expect(output.status == 0, "\(output.errorText)")
        let lines = output.errorText.split(separator: "\n").map(String.init)
        let listLine = try #require(lines.first { $0.hasPrefix("lista-300.png sida 1:") })
        #expect(listLine.contains("bilaga-3"))
        #expect(listLine.contains("0 ifyllda rader, 0 fält att granska"))
        #expect(!listLine.contains("dpi"), "a 300 dpi scan needs no hint")
        let templateLine = try #require(lines.first { $0.hasPrefix("beslut-200.png sida 1:") })
        #expect(templateLine.contains("beslut"))
        #expect(templateLine.contains(", mall,"))
        #expect(!templateLine.contains("ifyllda rader"), "a template has no rows")
        #expect(templateLine.contains("(skannad i bara 200 dpi)"))
        #expect(output.errorText.contains("tips: 1 av sidorna är skannade under 300 dpi"))
    }
}
