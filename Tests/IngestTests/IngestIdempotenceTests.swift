import Drafts
import Foundation
import TestSupport
import Testing

@Suite("avbrott ingest is idempotent and loses nothing", .tags(.endToEnd), .enabled(if: TestRun.includesEndToEnd))
struct IngestIdempotenceTests {
    func counts(_ workspace: String) throws -> (pages: Int, records: Int) {
        let store = try DraftStore(workspace: try Workspace(path: workspace, create: false))
        return (try store.pages().count, try store.records().count)
    }

    @Test func rerunAddsNothingAndTheWorkspaceIsPrivate() throws {
        let dir = try TemporaryDirectory(prefix: "idem")
        _ = try ScanFixtures.blankSheets(form: "bilaga-5", copies: 2, in: dir)
        let workspace = dir.file("ws")
        let first = try ingestDuringSampleOutage(workspace: workspace, [dir.path])
        #expect(first.status == 0, "\(first.errorText)")
        let before = try counts(workspace)
        #expect(before.pages == 2)
        let second = try runAvbrott(["ingest", "--workspace", workspace, dir.path])
        #expect(second.status == 0)
        #expect(second.errorText.contains("redan inläst"))
        #expect(try counts(workspace) == before)

        let fm = FileManager.default
        func mode(_ path: String) throws -> Int {
            try fm.attributesOfItem(atPath: path)[.posixPermissions] as? Int ?? -1
        }
        #expect(try mode(workspace) == 0o700)
        #expect(try mode(workspace + "/utkast.sqlite") == 0o600)
        #expect(try mode(workspace + "/original") == 0o700)
        for file in try fm.contentsOfDirectory(atPath: workspace + "/original") {
            #expect(try mode(workspace + "/original/" + file) == 0o600)
        }
    }

    @Test func rescanIsADuplicateButAPhotocopiedBlankIsNot() throws {
        let dir = try TemporaryDirectory(prefix: "dup")
        let sheet = try #require(try ScanFixtures.blankSheets(form: "bilaga-3", in: dir).first)
        // The same filled sheet scanned twice, and a copy of the blank filled by someone else.
        let ink: [[(Double, Double)]] = [
            [(60, 68), (75, 72), (90, 66)], [(150, 70), (165, 74)], [(60, 90), (80, 92)],
        ]
        let other: [[(Double, Double)]] = [
            [(200, 110), (230, 114)], [(60, 130), (90, 126)], [(120, 150), (140, 155)],
        ]
        try ScanFixtures.draw(strokes: ink, into: sheet, dpi: 200, output: dir.file("skanning-1.png"))
        try runToolChecked(
            "convert",
            [
                dir.file("skanning-1.png"), "-rotate", "0.6", "-attenuate", "0.3",
                "+noise", "Gaussian", dir.file("skanning-2.png"),
            ])
        try ScanFixtures.draw(strokes: other, into: sheet, dpi: 200, output: dir.file("kopia.png"))
        try FileManager.default.removeItem(atPath: sheet)

        let workspace = dir.file("ws")
        let output = try ingestDuringSampleOutage(workspace: workspace, [dir.path], extra: ["--jobs", "1"])
        #expect(output.status == 0, "\(output.errorText)")
        let store = try DraftStore(workspace: try Workspace(path: workspace, create: false))
        let pages = try store.pages()
        #expect(pages.count == 3)
        #expect(pages.filter { $0.status == .duplicate }.count == 1)
        #expect(pages.filter { $0.status == .identified }.count == 2)
        let duplicate = try #require(pages.first { $0.status == .duplicate })
        #expect(duplicate.duplicateOf != nil)
        #expect(Set(pages.map(\.sheet)).count == 1, "all three carry the same sheet id")
    }

    @Test func killedIngestCanBeRerunWithNothingLostOrDoubled() throws {
        let dir = try TemporaryDirectory(prefix: "kill")
        let scans = dir.url.appendingPathComponent("scans").path
        try FileManager.default.createDirectory(atPath: scans, withIntermediateDirectories: true)
        for (i, path) in try ScanFixtures.blankSheets(form: "bilaga-4", copies: 6, in: dir).enumerated() {
            try FileManager.default.moveItem(atPath: path, toPath: "\(scans)/sida-\(i).png")
        }
        // The reference: an uninterrupted run.
        let reference = dir.file("ref")
        #expect(try ingestDuringSampleOutage(workspace: reference, [scans]).status == 0)
        let expected = try counts(reference)

        let workspace = dir.file("ws")
        #expect(
            try runAvbrott([
                "outage", "--workspace", workspace, "--start", SampleOutage.start,
                "--end", SampleOutage.end,
            ]).status == 0)
        let process = Process()
        process.executableURL = RepositoryPaths.executable
        process.arguments = ["ingest", "--workspace", workspace, "--jobs", "1", scans]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Kill it (SIGKILL) as soon as the first pages are stored.
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            if let c = try? counts(workspace), c.pages >= 1 { break }
            usleep(20_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let partial = try counts(workspace)
        #expect(partial.pages < expected.pages, "the run should have been interrupted")

        let rerun = try runAvbrott(["ingest", "--workspace", workspace, scans])
        #expect(rerun.status == 0, "\(rerun.errorText)")
        #expect(try counts(workspace) == expected)
        let store = try DraftStore(workspace: try Workspace(path: workspace, create: false))
        let keys = try store.pages().map { "\($0.source)#\($0.pageNumber)" }
        #expect(Set(keys).count == keys.count)
    }
}
