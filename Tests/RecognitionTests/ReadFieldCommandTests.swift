import Assessment
import Foundation
import Imaging
import Leptonica
import Raster
import TestSupport
import Testing

@testable import Recognition

/// `avbrott read-field`, run as a user (or an outside evaluation) runs it:
/// one JSON line per image, the same readings and review rules as ingest,
/// and bad images answered with a message while the others are still read.
@Suite("avbrott read-field", .tags(.endToEnd), .enabled(if: TestRun.includesEndToEnd))
struct ReadFieldCommandTests {
    struct Line: Decodable {
        var file: String
        var value: String?
        var confidence: Double
        var review: Bool
        var alternatives: [String]
        var error: String?
    }

    func write(_ image: GreyImage, _ name: String, in dir: TemporaryDirectory) throws -> String {
        let path = dir.file(name)
        try Data(try PNGCodec.encode(image)).write(to: URL(fileURLWithPath: path))
        return path
    }

    func lines(_ output: ToolOutput) throws -> [Line] {
        try output.text.split(separator: "\n").map { try JSONDecoder().decode(Line.self, from: Data($0.utf8)) }
    }

    @Test func singleBoxesAgreeWithTheRecogniser() throws {
        let dir = try TemporaryDirectory(prefix: "read-field")
        let recognizer = try DigitRecognizer()
        let cases = try DigitParityCase.load().filter { $0.status == 2 }
        let paths = try cases.enumerated().map { try write($0.element.crop, "ruta-\($0.offset).png", in: dir) }
        let output = try runAvbrott(["read-field", "--kind", "digits"] + paths)
        #expect(output.status == 0, "\(output.errorText)")
        let read = try lines(output)
        #expect(read.map(\.file) == paths)
        for (line, reference) in zip(read, cases) {
            let expected = recognizer.read(reference.crop)
            #expect(line.value == String(expected.best.digit))
            let probability = (1 - expected.blank) * expected.best.probability
            #expect(abs(line.confidence - probability) < 0.001)
            let minimum = FieldPolicy.standard.boxMinimum(.number, modelThreshold: recognizer.suggestedThreshold)
            #expect(line.review == (probability < minimum))
            #expect(line.alternatives.count == 2 && !line.alternatives.contains(line.value ?? ""))
        }
    }

    @Test func combFieldsAreSegmentedAndNeverWrongUnflagged() throws {
        let dir = try TemporaryDirectory(prefix: "read-field")
        let ones = try write(CombDrawing.draw(.number, boxes: 8, dpi: 300, writing: .ones).image, "ettor.png", in: dir)
        let empty = try write(CombDrawing.draw(.number, boxes: 8, dpi: 300, writing: .none).image, "tom.png", in: dir)
        let output = try runAvbrott(["read-field", "--kind", "digits", "--boxes", "8", ones, empty])
        #expect(output.status == 0, "\(output.errorText)")
        let read = try lines(output)
        try #require(read.count == 2)
        // Eight boxes found and each read as its 1 (how sure the decoder is may send it to review).
        #expect(read[0].value == "11111111", "\(read[0])")
        #expect(read[0].alternatives.allSatisfy { $0 != read[0].value })
        #expect(read[1].value == nil && !read[1].review)
    }

    @Test func badImagesGetAMessageAndTheRestIsRead() throws {
        let dir = try TemporaryDirectory(prefix: "read-field")
        let good = try write(CombDrawing.draw(.number, boxes: 6, dpi: 300, writing: .ones).image, "sex.png", in: dir)
        let black = try write(GreyImage(width: 300, height: 120, fill: 0), "svart.png", in: dir)
        let blank = try write(GreyImage(width: 300, height: 120), "vit.png", in: dir)
        let zero = dir.file("noll.png")
        try Data().write(to: URL(fileURLWithPath: zero))
        let text = dir.file("text.png")
        try Data("ingen bild\n".utf8).write(to: URL(fileURLWithPath: text))
        let missing = dir.file("finns-inte.png")

        // Six boxes asked to be read as ten: a message, not a guess.
        let output = try runAvbrott([
            "read-field", "--kind", "digits", "--boxes", "10",
            good, black, blank, zero, text, missing,
        ])
        #expect(output.status != 0)
        let read = try lines(output)
        #expect(read.map(\.file) == [good, black, blank, zero, text, missing])
        for line in read {
            #expect(line.value == nil || line.review, "nothing unreadable passes unflagged: \(line)")
        }
        for line in read[3...] {
            #expect(line.error != nil && line.review)
        }
        #expect(!output.errorText.isEmpty)

        // The same six-box image with the right count is read.
        let right = try lines(try runAvbrott(["read-field", "--kind", "digits", "--boxes", "6", good, blank]))
        #expect(right.count == 2)
        #expect(right[0].error == nil && right[0].value == "111111", "\(right)")
    }
}
