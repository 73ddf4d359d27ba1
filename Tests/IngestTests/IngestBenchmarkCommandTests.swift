import Foundation
import TestSupport
import Testing

/// `avbrott benchmark ingest` as the README runs it, on one committed sample
/// page: speed and memory, the comparison with the truth file, and the
/// comparison with plain Tesseract, or a Swedish line saying why there is none.
@Suite("avbrott benchmark ingest", .tags(.endToEnd), .enabled(if: TestRun.includesEndToEnd))
struct IngestBenchmarkCommandTests {
    static let page = RepositoryPaths.sampleScans.appendingPathComponent("02-bilaga-3-blad2.png").path
    static let truth = RepositoryPaths.sampleScans.appendingPathComponent("truth.json").path

    func benchmark(tesseractPage: String, path: String? = nil) throws -> ToolOutput {
        var environment = ProcessInfo.processInfo.environment
        if let path { environment["PATH"] = path }
        return try runAvbrott(
            [
                "benchmark", "ingest", "--outage-end", SampleOutage.end, "--truth", Self.truth,
                "--tesseract-page", tesseractPage, Self.page,
            ],
            input: "", environment: environment)
    }

    @Test func withoutTesseractOnThePathTheRestIsStillMeasured() throws {
        let emptyFolder = try TemporaryDirectory(prefix: "no-tesseract")
        let output = try benchmark(tesseractPage: Self.page, path: emptyFolder.path)
        #expect(output.status == 0, "\(output.errorText)")
        #expect(output.text.contains("Inläsning av 1 sida "), "\(output.text)")
        #expect(output.text.contains("tesseract-kommandot finns inte i PATH"), "\(output.text)")
        #expect(output.text.contains("blanketter identifierade: 1 av 1"), "\(output.text)")
    }

    @Test(.enabled(if: toolExists("tesseract")))
    func tesseractIsTimedOnAPageItCanRead() throws {
        let output = try benchmark(tesseractPage: Self.page)
        #expect(output.status == 0, "\(output.errorText)")
        let line = try #require(
            output.text.split(separator: "\n").first { $0.contains("tesseract ") }, "\(output.text)")
        #expect(line.contains("-l swe: ") && line.contains("vår tid per sida är"), "\(line)")
    }

    @Test(.enabled(if: toolExists("tesseract")))
    func aPageTesseractCannotReadIsSaidInSwedish() throws {
        let dir = try TemporaryDirectory(prefix: "tesseract-bad-page")
        try Data("ingen bild\n".utf8).write(to: URL(fileURLWithPath: dir.file("sida.png")))
        let output = try benchmark(tesseractPage: dir.file("sida.png"))
        #expect(output.status == 0, "\(output.errorText)")
        #expect(output.text.contains("tesseract kunde inte läsa \(dir.file("sida.png"))"), "\(output.text)")
        #expect(output.text.contains("Jämfört med facit"), "\(output.text)")
    }
}
