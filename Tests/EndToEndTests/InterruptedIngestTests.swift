import Drafts
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `kill -9` at ten moments of a PDF batch: nothing is left in the temporary
/// folder or in /tmp, and running the batch again gives exactly what an
/// uninterrupted run gives: no page lost, none stored twice.
@Suite("ingest killed at any moment", .tags(.endToEnd), .enabled(if: TestRun.includesEndToEnd))
struct InterruptedIngestTests {
    /// Two PDFs: the samples' mixed PDF (a foreign page among two sheets) and
    /// eight sample pages as a scanner would write them, JPEG in PDF.
    static func batch(in dir: TemporaryDirectory) throws -> [String] {
        let pages = [
            "01-bilaga-3-blad1.jpg", "02-bilaga-3-blad2.png", "03-bilaga-5-blad1-2.tif[0]",
            "03-bilaga-5-blad1-2.tif[1]", "04-bilaga-4.jpg", "06-reservblankett-tid.png", "07-journal-sol-lss.jpg",
            "08-beslut-fax.tif",
        ]
        var jpegs: [String] = []
        for (index, page) in pages.enumerated() {
            let jpeg = dir.file("sida-\(index).jpg")
            try runToolChecked(
                "convert", [RepositoryPaths.sampleScans.appendingPathComponent(page).path, "-quality", "92", jpeg])
            jpegs.append(jpeg)
        }
        let gathered = dir.file("samlad.pdf")
        try ScannerPDF.write(jpegs: jpegs, to: gathered)
        let mixed = dir.file("blandat.pdf")
        try FileManager.default.copyItem(
            atPath: RepositoryPaths.sampleScans.appendingPathComponent("05-blandat.pdf").path, toPath: mixed)
        return [mixed, gathered]
    }

    /// Starts `avbrott ingest` with `TMPDIR` set to `temporary`; its messages go to the file `messages`, if given.
    static func startIngest(
        workspace: String, _ paths: [String], temporary: String, messages: String? = nil
    ) throws -> Process {
        let process = Process()
        process.executableURL = RepositoryPaths.executable
        process.arguments = ["ingest", "--workspace", workspace] + paths
        var environment = ProcessInfo.processInfo.environment
        environment["TMPDIR"] = temporary
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        if let messages {
            _ = FileManager.default.createFile(atPath: messages, contents: nil)
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: messages))
        } else {
            process.standardError = FileHandle.nullDevice
        }
        try process.run()
        return process
    }

    /// Everything ingest decided, in a form that can be compared: files, pages, records and fields.
    static func snapshot(_ workspace: String) throws -> [String] {
        let store = try DraftStore(workspace: try Workspace(path: workspace, create: false))
        var lines = try store.scanFiles().map { "file \($0.name) \($0.sha256) pages \($0.pageCount ?? -1)" }
        lines += try store.pages().map {
            "page \($0.source) \($0.pageNumber) \($0.status) \($0.form ?? "-") \($0.sheet ?? "-") \($0.reason ?? "")"
        }
        for record in try store.records() {
            let place = "record \(record.source) \(record.pageNumber) \(record.row ?? 0) \(record.form)"
            lines.append("\(place) \(record.status) \(record.followUp)")
            for field in record.fields {
                lines.append(
                    "\(place) \(field.fieldID) \(field.value) \(field.review) \(field.confidence) "
                        + "\(field.notes.map(\.text)) \(field.alternatives)")
            }
        }
        return lines.sorted()
    }

    /// Entries of /tmp that this test's own helpers do not make: the test
    /// process's temporary folders end in a UUID, ImageMagick's in the tests
    /// running beside this one start with "magick-".
    static func foreignEntriesOfTmp() throws -> Set<String> {
        let uuid = try Regex("[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$")
        return Set(
            try FileManager.default.contentsOfDirectory(atPath: "/tmp").filter {
                !$0.contains(uuid) && !$0.hasPrefix("magick-")
            })
    }

    @Test func killedTenTimesTheRerunGivesTheUninterruptedResult() throws {
        let dir = try TemporaryDirectory(prefix: "avbrutet")
        let batch = try Self.batch(in: dir)
        let tmpBefore = try Self.foreignEntriesOfTmp()

        func outage(_ workspace: String) throws {
            let output = try runAvbrott([
                "outage", "--workspace", workspace, "--start", SampleOutage.start, "--end", SampleOutage.end,
            ])
            try #require(output.status == 0, "outage: \(output.errorText)")
        }

        // The reference: the batch read without interruption.
        let reference = dir.file("utan-avbrott")
        try outage(reference)
        let referenceTemporary = try dir.subdirectory("tmp-utan-avbrott").path
        let started = Date()
        let whole = try Self.startIngest(workspace: reference, batch, temporary: referenceTemporary)
        whole.waitUntilExit()
        let duration = Date().timeIntervalSince(started)
        #expect(whole.terminationStatus == 1, "the foreign page is reported, as always")
        let expected = try Self.snapshot(reference)
        #expect(expected.filter { $0.hasPrefix("page ") }.count == 11)
        #expect(try FileManager.default.contentsOfDirectory(atPath: referenceTemporary).isEmpty)

        for moment in 1...10 {
            let workspace = dir.file("avbruten-\(moment)")
            try outage(workspace)
            let temporary = try dir.subdirectory("tmp-\(moment)").path
            let run = try Self.startIngest(workspace: workspace, batch, temporary: temporary)
            // From the first milliseconds (lock, database, first page) to the last page.
            usleep(useconds_t(duration * Double(moment) / 11 * 1_000_000))
            kill(run.processIdentifier, SIGKILL)
            run.waitUntilExit()
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: temporary).isEmpty,
                "moment \(moment): something was left in TMPDIR")

            let messages = dir.file("meddelanden-\(moment)")
            let rerun = try Self.startIngest(workspace: workspace, batch, temporary: temporary, messages: messages)
            rerun.waitUntilExit()
            // The foreign page is reported whether this run or the killed one read it.
            let said = try String(contentsOfFile: messages, encoding: .utf8)
            #expect(said.contains("blandat.pdf sida 2"), "moment \(moment): \(said)")
            #expect(rerun.terminationStatus == (said.contains("inläst tidigare") ? 0 : 1), "moment \(moment)")
            let got = try Self.snapshot(workspace)
            #expect(got == expected, "moment \(moment): \(Set(got).symmetricDifference(expected).sorted().prefix(6))")
            #expect(try FileManager.default.contentsOfDirectory(atPath: temporary).isEmpty)
            let verify = try runAvbrott(["audit", "--workspace", workspace, "--verify"])
            #expect(verify.status == 0, "moment \(moment): \(verify.text) \(verify.errorText)")
        }
        let tmpAfter = try Self.foreignEntriesOfTmp()
        #expect(tmpAfter.subtracting(tmpBefore).isEmpty, "new in /tmp: \(tmpAfter.subtracting(tmpBefore).sorted())")
    }
}
