import Drafts
import Foundation
import TestSupport
import Testing

/// A batch with broken files: each gets a Swedish message naming it, the
/// rest of the batch is read, and the exit status says something failed.
@Suite("avbrott ingest with bad input", .tags(.endToEnd), .enabled(if: TestRun.includesEndToEnd))
struct IngestBadInputTests {
    @Test func badFilesAreNamedAndTheRestIsRead() throws {
        let dir = try TemporaryDirectory(prefix: "bad-input")
        let scans = try dir.subdirectory("skanningar")
        let good = try ScanFixtures.blankSheets(form: "bilaga-3", copies: 2, in: dir)
        try FileManager.default.moveItem(atPath: good[0], toPath: scans.appendingPathComponent("bra.png").path)
        let goodData = try Data(contentsOf: scans.appendingPathComponent("bra.png"))

        func write(_ name: String, _ data: Data) throws {
            try data.write(to: scans.appendingPathComponent(name))
        }
        try write("tom.png", Data())
        try write("avhuggen.png", goodData.prefix(600))
        try write("text.png", Data("Det här är ingen bild.\n".utf8))
        try write("jatte.png", ScanFixtures.pngHeader(width: 30000, height: 30000) + Data(count: 64))
        try runToolChecked("convert", [good[1], dir.file("flera.tif")])
        try write("avhuggen.tif", try Data(contentsOf: URL(fileURLWithPath: dir.file("flera.tif"))).prefix(2000))
        let pdf = dir.file("blad.pdf")
        _ = try runAvbrott(["print", "--form", "bilaga-4", "--binder-id", "K7M3QX", "-o", pdf])
        try write("avhuggen.pdf", try Data(contentsOf: URL(fileURLWithPath: pdf)).prefix(900))
        try write(
            "inga-sidor.pdf",
            Data(
                """
                %PDF-1.4
                1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
                2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj
                trailer << /Root 1 0 R >>
                %%EOF
                """.utf8))
        // A page with its registration marks painted over.
        try runToolChecked(
            "convert",
            [
                scans.appendingPathComponent("bra.png").path, "-fill", "white",
                "-draw", "rectangle 0,0 120,120", "-draw", "rectangle 2200,1530 2400,1700",
                scans.appendingPathComponent("utan-marken.png").path,
            ])

        let workspace = dir.file("arbetsyta")
        let output = try runAvbrott(["ingest", "--workspace", workspace, scans.path])
        #expect(output.status == 1, "the exit status must say that something failed")
        let errors = output.errorText
        for name in [
            "tom.png", "avhuggen.png", "text.png", "jatte.png", "avhuggen.tif", "avhuggen.pdf",
            "inga-sidor.pdf", "utan-marken.png",
        ] {
            #expect(errors.contains(name), "no message names \(name)")
        }
        #expect(errors.contains("tom"))
        #expect(errors.contains("30000"))
        #expect(!errors.contains("Fatal error"))

        let store = try DraftStore(workspace: try Workspace(path: workspace, create: false))
        let pages = try store.pages()
        let good1 = try #require(pages.first { $0.source == "bra.png" })
        #expect(good1.status == .identified)
        #expect(good1.form == "bilaga-3")
        let unmarked = try #require(pages.first { $0.source == "utan-marken.png" })
        #expect(unmarked.status == .unidentified)
        #expect(unmarked.reason?.isEmpty == false)
        // Unreadable files and pages are kept on record with their reason, never dropped.
        let unreadable = try store.unreadableFiles().map(\.name)
        for name in ["tom.png", "text.png", "avhuggen.pdf", "inga-sidor.pdf"] { #expect(unreadable.contains(name)) }
        let failedPages = pages.filter { $0.status == .failed }.map(\.source)
        #expect(unreadable.contains("jatte.png") || failedPages.contains("jatte.png"))
    }

    @Test func missingPathIsReported() throws {
        let dir = try TemporaryDirectory(prefix: "missing")
        let output = try runAvbrott(["ingest", "--workspace", dir.file("ws"), dir.file("finns-inte")])
        #expect(output.status == 1)
        #expect(output.errorText.contains("finns-inte: filen eller mappen finns inte"))
    }
}
