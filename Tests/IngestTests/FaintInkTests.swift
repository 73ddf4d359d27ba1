import Drafts
import Foundation
import TestSupport
import Testing

/// A digit the blank model takes for blank, but not surely, must not vanish:
/// its row is stored and the field goes to a person, while a speck too small
/// to be writing leaves the row out as before.
@Suite("avbrott ingest keeps faint ink", .tags(.endToEnd), .enabled(if: TestRun.includesEndToEnd))
struct FaintInkTests {
    /// A vertical pen stroke of `length` mm (3 px wide at 200 dpi) in the
    /// first box of a row's beslutsdatum on bilaga-3 (row 2 at y 72.2 mm).
    static func stroke(row: Int, length: Double) -> [(Double, Double)] {
        let top = 74.5 + 11 * Double(row - 2)
        return [(197.6, top), (197.6, top + length)]
    }

    @Test func aFaintStrokeKeepsItsRowForReview() throws {
        let dir = try TemporaryDirectory(prefix: "faint-ink")
        let sheet = try #require(try ScanFixtures.blankSheets(form: "bilaga-3", in: dir).first)
        // Row 2: a 1.2 mm stroke, blank with about 0.68 (between ½ and 0.8); row 3: a 0.4 mm speck.
        try ScanFixtures.draw(
            strokes: [Self.stroke(row: 2, length: 1.2), Self.stroke(row: 3, length: 0.4)],
            into: sheet, dpi: 200, output: dir.file("skanning.png"))
        try FileManager.default.removeItem(atPath: sheet)

        let workspace = dir.file("ws")
        let output = try ingestDuringSampleOutage(
            workspace: workspace, [dir.file("skanning.png")], extra: ["--jobs", "1"])
        #expect(output.status == 0, "\(output.errorText)")
        let records = try DraftStore(workspace: try Workspace(path: workspace, create: false)).records()
        #expect(records.compactMap(\.row) == [2], "the faint stroke's row is kept, the speck's is not")
        let field = try #require(records.first { $0.row == 2 }?.field("r02.beslutsdatum"))
        #expect(field.value == .empty && field.review)
        #expect(field.confidence >= 0.5 && field.confidence < 0.8, "the blank model's doubt: \(field.confidence)")
        #expect(
            field.messages.contains { $0.hasPrefix("Fältet ser tomt ut, men ruta 1 har bläck") }, "\(field.messages)")
    }
}
