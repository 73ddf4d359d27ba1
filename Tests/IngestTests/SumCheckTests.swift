import Drafts
import Foundation
import TestSupport
import Testing

/// The utbetalningsunderlag's `arvode + omkostnader = summa`: a sum that does
/// not hold flags the total; one that holds confirms the amounts it can.
@Suite("sums on the utbetalningsunderlag", .tags(.endToEnd), .enabled(if: TestRun.includesEndToEnd))
struct SumCheckTests {
    @Test func aSumThatHoldsConfirmsAndOneThatFailsIsFlagged() throws {
        let dir = try TemporaryDirectory(prefix: "sums")
        // Page 1 adds up and no place repeats a digit across the sum; page 2's summa is 10 kr off.
        let summa = [1: "723423", 2: "723433"]
        let scans = try FilledSheets.make(form: "utbetalningsunderlag", copies: 2, in: dir.path) { page, id in
            switch id {
            case "arvode": return "418276"
            case "omkostnader": return "305147"
            case "summa": return summa[page]
            default: return nil
            }
        }
        let workspace = dir.file("ws")
        let ingest = try ingestDuringSampleOutage(workspace: workspace, scans)
        #expect(ingest.status == 0, "\(ingest.errorText)")
        let records = try DraftStore(workspace: try Workspace(path: workspace, create: false))
            .records(form: "utbetalningsunderlag")
        try #require(records.count == 2)
        let adds = try #require(records.first { $0.field("summa")?.value.canonicalText == "723423" })
        let off = try #require(records.first { $0.field("summa")?.value.canonicalText == "723433" })

        for id in ["arvode", "omkostnader", "summa"] {
            let field = try #require(adds.field(id))
            #expect(!field.review && field.messages.isEmpty, "\(id): \(field.messages)")
        }
        let total = try #require(off.field("summa"))
        #expect(total.review)
        #expect(total.messages.contains("Summan ska vara 418276 + 305147 = 723423 kr"), "\(total.messages)")
        #expect(off.field("arvode")?.review == true, "an amount in a sum that fails stays with a person")
    }
}
