import Drafts
import Foundation
import TestSupport
import Testing

/// The utbetalningsunderlag's period: a "från" after its "till" sends both
/// dates to a person, since either may be the misread one.
@Suite("dates out of order", .tags(.endToEnd), .enabled(if: TestRun.includesEndToEnd))
struct DateOrderTests {
    @Test func datesOutOfOrderFlagBothDates() throws {
        let dir = try TemporaryDirectory(prefix: "date-order")
        // Page 1 in order; page 2 ends the period before it starts.
        let period = [1: ("261001", "261031"), 2: ("261031", "261001")]
        let scans = try FilledSheets.make(form: "utbetalningsunderlag", copies: 2, in: dir.path) { page, id in
            switch id {
            case "period_fran": return period[page]?.0
            case "period_till": return period[page]?.1
            default: return nil
            }
        }
        let workspace = dir.file("ws")
        _ = try ingestDuringSampleOutage(workspace: workspace, scans)
        let records = try DraftStore(workspace: try Workspace(path: workspace, create: false))
            .records(form: "utbetalningsunderlag")
        let ordered = try #require(records.first { $0.field("period_fran")?.value.canonicalText == "2026-10-01" })
        let reversed = try #require(records.first { $0.field("period_fran")?.value.canonicalText == "2026-10-31" })
        for id in ["period_fran", "period_till"] {
            let fine = try #require(ordered.field(id))
            #expect(!fine.messages.contains { $0.hasPrefix("Datumet är") }, "\(id): \(fine.messages)")
        }
        let from = try #require(reversed.field("period_fran"))
        let to = try #require(reversed.field("period_till"))
        #expect(from.review && from.messages.contains("Datumet är efter period till (2026-10-01)"), "\(from.messages)")
        #expect(to.review && to.messages.contains("Datumet är före period från (2026-10-31)"), "\(to.messages)")
        #expect(from.hasValidationError && to.hasValidationError)
    }
}
