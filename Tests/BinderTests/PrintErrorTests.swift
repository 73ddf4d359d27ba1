import Foundation
import TestSupport
import Testing

/// Bad configuration and bad arguments get a clear Swedish message naming the
/// file and line, and no PDF (not even half of one) is left behind.
@Suite("avbrott print refuses bad input", .tags(.endToEnd), .enabled(if: TestRun.includesEndToEnd))
struct PrintErrorTests {
    func run(_ arguments: [String], in dir: TemporaryDirectory) throws -> ToolOutput {
        try runAvbrott(arguments + ["-o", dir.file("ut.pdf")])
    }

    @Test func malformedConfigurationNamesFileAndLine() throws {
        let dir = try TemporaryDirectory(prefix: "bad-config")
        let config = dir.file("enhet.yaml")
        try """
        unit:
          name: Testenheten
          administration: Exempelby
          type: skola
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let output = try run(["print", "--config", config], in: dir)
        #expect(output.status == 1)
        #expect(output.errorText.contains("enhet.yaml, rad 4"))
        #expect(output.errorText.contains("okänt värde \"skola\""))
        #expect(try dir.contents() == ["enhet.yaml"])
    }

    @Test func yamlSyntaxErrorInConfiguration() throws {
        let dir = try TemporaryDirectory(prefix: "bad-config")
        let config = dir.file("enhet.yaml")
        try "unit: {name: Testenheten\nsheets: [\n".write(toFile: config, atomically: true, encoding: .utf8)
        let output = try run(["print", "--config", config], in: dir)
        #expect(output.status == 1)
        #expect(output.errorText.contains("enhet.yaml"))
        #expect(output.errorText.contains("ogiltig YAML"))
    }

    @Test func missingConfigurationFile() throws {
        let dir = try TemporaryDirectory(prefix: "bad-config")
        let output = try run(["print", "--config", dir.file("finns-inte.yaml")], in: dir)
        #expect(output.status == 1)
        #expect(output.errorText.contains("finns-inte.yaml: filen finns inte"))
    }

    @Test func malformedFormFileIsNamed() throws {
        let dir = try TemporaryDirectory(prefix: "bad-forms")
        let forms = dir.url.appendingPathComponent("Forms")
        try FileManager.default.copyItem(at: RepositoryPaths.forms, to: forms)
        let file = forms.appendingPathComponent("bilaga-3.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
            .replacingOccurrences(of: "pattern: personnummer,", with: "pattern: personnummer, boxes: 9,")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let output = try runAvbrott(["print", "--forms", forms.path, "-o", dir.file("ut.pdf")])
        #expect(output.status == 1)
        #expect(output.errorText.contains("Forms/bilaga-3.yaml, rad"))
        #expect(output.errorText.contains("inte 9"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("ut.pdf")))
    }

    @Test func unknownFormAndBadArguments() throws {
        let dir = try TemporaryDirectory(prefix: "bad-args")
        let unknown = try run(["print", "--form", "bilaga-9"], in: dir)
        #expect(unknown.status == 1)
        #expect(unknown.errorText.contains("Okänd blankett \"bilaga-9\""))
        let copies = try run(["print", "--form", "bilaga-3", "--copies", "0"], in: dir)
        #expect(copies.status != 0)
        #expect(copies.errorText.contains("--copies måste vara mellan 1 och 500"))
        let binder = try run(["print", "--binder-id", "abc"], in: dir)
        #expect(binder.status != 0)
        #expect(binder.errorText.contains("Pärm-id ska vara sex tecken"))
        #expect(try dir.contents().isEmpty)
    }

    @Test func unwritableDestinationLeavesNothing() throws {
        let dir = try TemporaryDirectory(prefix: "bad-dest")
        let output = try runAvbrott(["print", "-o", dir.file("saknas/ut.pdf")])
        #expect(output.status == 1)
        #expect(output.errorText.contains("avbrott: fel:"))
        #expect(try dir.contents().isEmpty)
    }

    @Test func extraSheetsAndCalibrationSheet() throws {
        let dir = try TemporaryDirectory(prefix: "extra")
        let extra = try runAvbrott([
            "print", "--form", "bilaga-5", "--copies", "3", "--binder-id", "K7M3QX",
            "-o", dir.file("extra.pdf"),
        ])
        #expect(extra.status == 0)
        let info = try runToolChecked("pdfinfo", ["-f", "1", "-l", "3", dir.file("extra.pdf")])
        #expect(info.contains("Pages:           3"))
        #expect(info.contains("Page    3 size:  841.89 x 595.276 pts"))
        let calibration = try runAvbrott(["print", "--calibration", "-o", dir.file("kal.pdf")])
        #expect(calibration.status == 0)
        let text = try runToolChecked("pdftotext", [dir.file("kal.pdf"), "-"])
        #expect(text.contains("Kalibreringsblad för skrivare och skanner"))
        #expect(text.contains("100 mm × 100 mm"))
    }
}
