import Foundation
import Reports
import TestSupport
import Testing

/// The committed sample scans (synthetic handwriting, a foreign page, a
/// duplicate scan) ingested once, checked against their ground truth.
@Suite(
    "status, export and report on SampleScans", .serialized,
    .enabled(if: SampleTruth.exists), .tags(.endToEnd), .enabled(if: TestRun.includesEndToEnd))
struct SampleScansTests {
    @Test("pages as the truth says; the foreign page and the duplicate are listed; nothing confidential in the report")
    func sampleScans() throws {
        let truth = try SampleTruth.load()
        let dir = try TemporaryDirectory()
        let ws = dir.file("arbetsyta")
        _ = try ingestDuringSampleOutage(workspace: ws, [RepositoryPaths.sampleScans.path])

        let export = try ExportedWorkspace(workspace: ws)
        #expect(export.pages.count == truth.pages.count)
        for page in truth.pages {
            let exported = export.pages.first {
                $0["source"] as? String == page.file && $0["page"] as? Int == page.page
            }
            let expected = page.kind != "form" ? "unidentified" : page.duplicateOf != nil ? "duplicate" : "identified"
            #expect(exported?["status"] as? String == expected, "\(page.file) \(page.page)")
            if expected == "identified" { #expect(exported?["form"] as? String == page.form) }
        }

        #expect(try runAvbrott(["outage", "--workspace", ws, "--end", "2026-10-19"]).status == 0)
        let status = try runAvbrott(["status", "--workspace", ws])
        #expect(status.status == 0)
        let unidentified = truth.pages.filter { $0.kind != "form" }
        #expect(status.text.contains("Oidentifierade sidor (\(unidentified.count))"))
        for page in unidentified {
            let line = status.text.split(separator: "\n").first { $0.hasPrefix(page.file) }.map(String.init) ?? ""
            #expect(line.contains(" \(page.page) ") && line.count > page.file.count + 12, "no reason: \(line)")
        }
        for page in truth.pages {
            guard let original = page.duplicateOf else { continue }
            #expect(
                status.text.contains("\(page.file)") && status.text.contains("\(original.file) sida \(original.page)"))
        }
        for form in Set(truth.pages.compactMap { $0.kind == "form" && $0.duplicateOf == nil ? $0.form : nil }) {
            let sheets = truth.pages.filter { $0.form == form && $0.kind == "form" && $0.duplicateOf == nil }.count
            let line = status.text.split(separator: "\n").first { $0.hasPrefix(form + " ") }.map(String.init) ?? ""
            #expect(line.split(separator: " ").compactMap { Int($0) }.first == sheets, "\(line)")
        }

        let pdf = dir.file("rapport.pdf")
        let report = try runAvbrott(["report", "--workspace", ws, "--out", pdf])
        #expect(report.status == 0, "\(report.errorText)")
        let text = try pdfText(pdf) + report.text
        for page in truth.pages {
            for (id, maybe) in page.fields ?? [:]
            where id.hasSuffix("namn") && !id.hasPrefix("handlaggare")
                || id.hasSuffix("personnummer")
            {
                if let value = maybe.value, value.count > 3 {
                    #expect(!text.contains(value), "\(value) printed in the report")
                }
            }
        }
    }
}
