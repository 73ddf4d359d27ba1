import Drafts
import Foundation
import TestSupport
import Testing

/// Bilaga 5's running total, row by row and from sheet to sheet, on the
/// committed sample (two sheets in one multi-page fax TIFF, with a
/// deliberate arithmetic error on sheet 1 row 5).
@Suite("running totals on bilaga 5", .tags(.endToEnd), .enabled(if: TestRun.includesEndToEnd))
struct RunningTotalTests {
    @Test func rowAndSheetTotalsAreChecked() throws {
        let dir = try TemporaryDirectory(prefix: "totals")
        let workspace = dir.file("ws")
        let scan = RepositoryPaths.sampleScans.appendingPathComponent("03-bilaga-5-blad1-2.tif").path
        let first = try ingestDuringSampleOutage(workspace: workspace, [scan])
        #expect(first.status == 0, "\(first.errorText)")

        func fields() throws -> [StoredRecord] {
            try DraftStore(workspace: try Workspace(path: workspace, create: false)).records(form: "bilaga-5")
        }
        let sheet1 = try #require(try fields().first { $0.row == 5 && $0.sheet?.hasSuffix(":0001") == true })
        let total = try #require(sheet1.field("r05.totalt"))
        #expect(total.review)
        #expect(total.messages.contains { $0.hasPrefix("Totalen ska vara") })

        // Sheet 2 carries sheet 1's last total over correctly: no complaint.
        let carried = try #require(
            try fields().first { $0.row == nil && $0.sheet?.hasSuffix(":0002") == true }?.field("overfort"))
        #expect(!carried.messages.contains { $0.hasPrefix("Överfört belopp") })

        // Amounts a row's sum confirms leave review; those whose digits the total
        // repeats at the same place (1550 from 0, 400 to 1950) or whose sum fails stay.
        let truth = try SampleTruth.load()
        var released = 0
        for record in try fields() where record.row != nil {
            let sheet = record.sheet?.hasSuffix(":0002") == true ? 2 : 1
            let row = String(format: "r%02d", record.row ?? 0)
            let paid = try #require(record.field("\(row).belopp"))
            if !paid.review {
                released += 1
                #expect(
                    paid.value.canonicalText
                        == truth.value(file: "03-bilaga-5-blad1-2.tif", page: sheet, field: "\(row).belopp"),
                    "a released amount must be right: sheet \(sheet) \(row)")
                #expect(paid.messages.isEmpty)
            }
        }
        #expect(released >= 4, "sheet 2's four amounts are confirmed by their sums")
        let firstSheet = try fields().filter { $0.sheet?.hasSuffix(":0001") == true }
        for row in [1, 2, 4, 5] {
            let paid = try #require(firstSheet.first { $0.row == row }?.field(String(format: "r%02d.belopp", row)))
            #expect(paid.review, "row \(row) on sheet 1 cannot be confirmed by its sum")
        }

        // Make the carried amount disagree (as a misread or a miswritten sheet would);
        // the check across sheets runs after every ingest.
        try runToolChecked(
            "sqlite3",
            [
                workspace + "/utkast.sqlite",
                "UPDATE field SET value = '9000' WHERE id = \(carried.id ?? 0)",
            ])
        let again = try runAvbrott(["ingest", "--workspace", workspace, scan])
        #expect(again.status == 0)
        let flagged = try #require(
            try fields().first { $0.row == nil && $0.sheet?.hasSuffix(":0002") == true }?.field("overfort"))
        #expect(flagged.review)
        #expect(flagged.messages.contains { $0.hasPrefix("Överfört belopp ska vara") && $0.contains("blad 1") })
    }
}
