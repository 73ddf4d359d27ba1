import Drafts
import Foundation
import TestSupport
import Testing

/// The reservblankett's `start + minuter = slut`: a row whose times and minutes
/// disagree sends all three to a person, since any of them may be the misread
/// one; a row that agrees is left alone.
@Suite("start, end and minutes on the reservblankett", .tags(.endToEnd), .enabled(if: TestRun.includesEndToEnd))
struct DurationCheckTests {
    @Test func aDurationThatDoesNotHoldFlagsStartEndAndMinutes() throws {
        let dir = try TemporaryDirectory(prefix: "duration")
        let rows = [
            "r01": ["start": "0745", "slut": "0945", "minuter": "120"],  // holds
            "r02": ["start": "1000", "slut": "1140", "minuter": "110"],
        ]  // 10:00–11:40 is 100 min
        let scans = try FilledSheets.make(form: "reservblankett-tid", in: dir.path) { _, id in
            let parts = id.split(separator: ".").map(String.init)
            guard parts.count == 2, let row = rows[parts[0]] else { return nil }
            return parts[1] == "datum" ? "261012" : row[parts[1]]
        }
        let workspace = dir.file("ws")
        let ingest = try ingestDuringSampleOutage(workspace: workspace, scans)
        #expect(ingest.status == 0, "\(ingest.errorText)")
        let records = try DraftStore(workspace: try Workspace(path: workspace, create: false))
            .records(form: "reservblankett-tid")
        let holds = try #require(records.first { $0.field("r01.start")?.value.canonicalText == "07:45" })
        let off = try #require(records.first { $0.field("r02.start")?.value.canonicalText == "10:00" })
        let message = "Minuterna stämmer inte med start och slut: 10:00–11:40 är 100 min"
        for id in ["start", "slut", "minuter"] {
            let agreeing = try #require(holds.field("r01." + id))
            #expect(
                !agreeing.messages.contains { $0.hasPrefix("Minuterna stämmer inte") }, "\(id): \(agreeing.messages)")
            let field = try #require(off.field("r02." + id))
            #expect(field.review && field.messages.contains(message), "\(id): \(field.messages)")
        }
    }
}
