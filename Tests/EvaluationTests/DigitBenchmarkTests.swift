import Assessment
import Foundation
import Raster
import Recognition
import TestSupport
import Testing

@testable import Evaluation

@Suite("DigitBenchmark")
struct DigitBenchmarkTests {
    /// Writes the parity crops as an AVBX export, labelled with the Python
    /// reference's reading (digits) or as blank (blank crops).
    func writeExport(_ cases: [DigitParityCase], to url: URL) throws {
        let boxes = cases.map { item in
            DigitBenchmarkSet.Box(
                label: item.status == 2
                    ? item.probabilities.indices.max { item.probabilities[$0] < item.probabilities[$1] }
                    : nil,
                dpi: 200, image: item.crop)
        }
        try DigitBenchmarkSet(boxes: boxes).encoded().write(to: url)
    }

    @Test func encodedSetsReadBackAsWritten() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("digits-set-\(UUID().uuidString).avbx")
        defer { try? FileManager.default.removeItem(at: url) }
        let boxes = [
            DigitBenchmarkSet.Box(
                label: 7, dpi: 300, image: GreyImage(width: 3, height: 2, pixels: [0, 1, 2, 3, 4, 255])),
            DigitBenchmarkSet.Box(label: nil, dpi: 200, image: GreyImage(width: 300, height: 1)),
        ]
        try DigitBenchmarkSet(boxes: boxes).encoded().write(to: url)
        let read = try DigitBenchmarkSet(contentsOf: url)
        #expect(read.boxes.map(\.label) == [7, nil])
        #expect(read.boxes.map(\.dpi) == [300, 200])
        #expect(read.boxes.map(\.image.width) == [3, 300] && read.boxes.map(\.image.height) == [2, 1])
        #expect(read.boxes.map(\.image.pixels) == boxes.map(\.image.pixels))
    }

    @Test func boxesTheLayoutCannotHoldAreRefused() {
        let image = GreyImage(width: 2, height: 2)
        let fine = DigitBenchmarkSet.Box(label: 3, dpi: 300, image: image)
        for (bad, why) in [
            (DigitBenchmarkSet.Box(label: 12, dpi: 300, image: image), "label"),
            (DigitBenchmarkSet.Box(label: 3, dpi: 2_560, image: image), "dpi above 2 550"),
            (DigitBenchmarkSet.Box(label: 3, dpi: 305, image: image), "dpi not a multiple of 10"),
            (DigitBenchmarkSet.Box(label: nil, dpi: 300, image: GreyImage(width: 65_536, height: 1)), "width"),
        ] {
            #expect(throws: DigitBenchmarkSet.EncodeError.outOfRange(box: 1), "\(why)") {
                try DigitBenchmarkSet(boxes: [fine, bad]).encoded()
            }
        }
    }

    @Test func benchmarkReadsTheExportAndCountsRightAnswers() throws {
        let cases = try DigitParityCase.load().filter { $0.status != 1 }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "digits-bench-\(UUID().uuidString).avbx")
        defer { try? FileManager.default.removeItem(at: url) }
        try writeExport(cases, to: url)
        let report = try DigitBenchmark.run(exportFile: url, passes: 1)
        #expect(report.digitBoxes == cases.filter { $0.status == 2 }.count)
        #expect(report.blankBoxes == cases.count - report.digitBoxes)
        #expect(report.accuracy == 1)
        #expect(report.blanksDetected == 1)
        #expect(report.coverage.map(\.coverage) == [0.90, 0.95, 0.99, 1.0])
        #expect(report.boxesPerSecond > 0 && report.boxesPerCPUSecond > 0)
        #expect(report.summary.contains("Träffsäkerhet"))
        #expect(
            report.multiplyAddsPerBox == (try DigitRecognizer()).multiplyAddsPerBox && report.multiplyAddsPerBox > 0)
        #expect(report.summary.contains("multiplikationer per ruta"))
        #expect(report.multiplyAddsEscalated == (try DigitRecognizer()).multiplyAddsEscalated)
        #expect(report.escalatedShare >= 0 && report.escalatedShare < 1)
    }

    @Test func truncatedExportIsRejected() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("digits-bad-\(UUID().uuidString).avbx")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(Array("AVBX".utf8) + [1, 0, 0, 0, 5, 0, 0, 0, 3]).write(to: url)
        #expect(throws: DigitBenchmarkSet.LoadError.truncated) { try DigitBenchmarkSet(contentsOf: url) }
    }
}
