import Assessment
import Foundation
import TestSupport
import Testing

@testable import Evaluation
@testable import Recognition

/// `avbrott benchmark out-of-fold`, run as `Training/digits/README.md` runs
/// it on the folds of crossval.py: here two folds of printed digits, each
/// with a copy of the bundled model as the network that never saw it.
@Suite("avbrott benchmark out-of-fold", .tags(.endToEnd), .enabled(if: TestRun.includesEndToEnd))
struct OutOfFoldCommandTests {
    @Test(.enabled(if: ImageMagick.isAvailable))
    func foldsArePooledIntoWholeFields() throws {
        let dir = try TemporaryDirectory(prefix: "out-of-fold")
        let recognizer = try DigitRecognizer()
        let model = try Data(contentsOf: try #require(DigitRecognizer.bundledModelURL))
        for (fold, digits) in [(1, 0...4), (2, 5...9)] {
            let boxes = try FieldBenchmarkTests.printedDigits(recognizer, digits: digits)
            try DigitBenchmarkSet(boxes: boxes).encoded().write(to: URL(fileURLWithPath: dir.file("fold-\(fold).avbx")))
            try model.write(to: URL(fileURLWithPath: dir.file("fold-\(fold).avbnet")))
        }
        let output = try runAvbrott(["benchmark", "out-of-fold", dir.path, "--fields", "30"])
        #expect(output.status == 0, "\(output.errorText)")
        #expect(output.text.contains("Korsvalidering: 2 delar, 24 rutor"), "\(output.text)")
        let fieldLines = output.text.split(separator: "\n").filter { $0.contains("exakt rätt") }
        #expect(fieldLines.count == FieldBenchmark.Kind.allCases.count)
        #expect(fieldLines.allSatisfy { $0.contains("exakt rätt 100.0 %") && $0.contains("fel utan flagga 0.00 %") })
        #expect(output.text.contains("minst 0.990 per ruta"))
    }

    @Test func countsOutsideTheirRangeAreRefusedInSwedish() throws {
        for (arguments, message) in [
            (["out-of-fold", "/saknas", "--fields=0"], "--fields måste vara mellan 1 och 1 000 000"),
            (["recognition", "--heldout", "/saknas", "--fields=-3"], "--fields måste vara mellan 1"),
            (["recognition", "--heldout", "/saknas", "--checkboxes=-1"], "--checkboxes måste vara mellan 1"),
        ] {
            let output = try runAvbrott(["benchmark"] + arguments)
            #expect(output.status != 0)
            #expect(output.errorText.contains(message), "\(output.errorText)")
        }
    }

    @Test func aFolderWithoutFoldsIsAnsweredInSwedish() throws {
        let dir = try TemporaryDirectory(prefix: "out-of-fold-empty")
        let output = try runAvbrott(["benchmark", "out-of-fold", dir.path])
        #expect(output.status != 0)
        #expect(output.errorText.contains("Inga delar"), "\(output.errorText)")
        try Data().write(to: URL(fileURLWithPath: dir.file("fold-1.avbnet")))
        let broken = try runAvbrott(["benchmark", "out-of-fold", dir.path])
        #expect(broken.status != 0)
        #expect(broken.errorText.contains("testmängden"), "\(broken.errorText)")
    }
}
