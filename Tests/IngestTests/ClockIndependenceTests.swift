import Drafts
import FormKit
import Foundation
import TestSupport
import Testing

/// Nothing reads the clock to interpret a date on paper: the sample scans
/// ingested with the clock five years ahead, the outage recorded, give the
/// same dates and personnummer as today.
@Suite(
    "dates on paper do not depend on today", .tags(.endToEnd),
    .enabled(if: TestRun.includesEndToEnd && toolExists("faketime")))
struct ClockIndependenceTests {
    static let scans = [
        "01-bilaga-3-blad1.jpg", "03-bilaga-5-blad1-2.tif", "06-reservblankett-tid.png",
        "07-journal-sol-lss.jpg",
    ].map { RepositoryPaths.sampleScans.appendingPathComponent($0).path }

    /// Every digits field's value, by file, page and field.
    func digitValues(_ workspace: String) throws -> [String: FieldValue] {
        let store = try DraftStore(workspace: try Workspace(path: workspace, create: false))
        var values: [String: FieldValue] = [:]
        for record in try store.records() {
            for field in record.fields where field.kind == .digits {
                values["\(record.source) \(record.pageNumber) \(field.fieldID)"] = field.value
            }
        }
        return values
    }

    @Test func fiveYearsLaterTheSampleScansReadTheSame() throws {
        let dir = try TemporaryDirectory(prefix: "clock")
        let now = dir.file("idag"), later = dir.file("om-fem-ar")
        _ = try ingestDuringSampleOutage(workspace: now, Self.scans)
        let binary = RepositoryPaths.executable.path
        let outage = try runTool(
            "faketime",
            [
                "-f", "+1826d", binary, "outage", "--workspace", later,
                "--start", SampleOutage.start, "--end", SampleOutage.end,
            ])
        #expect(outage.status == 0, "\(outage.errorText)")
        _ = try runTool("faketime", ["-f", "+1826d", binary, "ingest", "--workspace", later] + Self.scans)
        let store = try DraftStore(workspace: try Workspace(path: later, create: false))
        #expect(try store.pages().allSatisfy { $0.status == .identified })
        // The fake clock took: the files were stored five years on.
        let stored = try runToolChecked(
            "sqlite3", [later + "/utkast.sqlite", "SELECT MIN(imported_at) FROM scan_file"])
        #expect(stored.hasPrefix("2031"), "\(stored)")

        let today = try digitValues(now), fiveYearsOn = try digitValues(later)
        #expect(today.count > 100)
        #expect(today == fiveYearsOn)
        #expect(today.values.contains { if case .date(let d) = $0 { return d.year == 2026 } else { return false } })
    }
}
