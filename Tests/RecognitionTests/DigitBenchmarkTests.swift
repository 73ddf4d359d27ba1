import Foundation
import Raster
import Testing
@testable import Recognition

@Suite("DigitBenchmark")
struct DigitBenchmarkTests {
    /// Writes the parity crops as an AVBX export, labelled with the Python
    /// reference's reading (digits) or as blank (blank crops).
    func writeExport(_ cases: [DigitParityCase], to url: URL) throws {
        var bytes = Array("AVBX".utf8)
        func append(_ value: Int, bytes count: Int) {
            for i in 0..<count { bytes.append(UInt8((value >> (8 * i)) & 0xFF)) }
        }
        append(1, bytes: 4)
        append(cases.count, bytes: 4)
        for item in cases {
            let label = item.status == 2
                ? item.probabilities.indices.max { item.probabilities[$0] < item.probabilities[$1] } ?? 0
                : 255
            append(label, bytes: 1)
            append(20, bytes: 1)
            append(item.crop.width, bytes: 2)
            append(item.crop.height, bytes: 2)
            bytes += item.crop.pixels
        }
        try Data(bytes).write(to: url)
    }

    @Test func benchmarkReadsTheExportAndCountsRightAnswers() throws {
        let cases = try DigitParityCase.load().filter { $0.status != 1 }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("digits-bench-\(UUID().uuidString).avbx")
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
        #expect(report.multiplyAddsPerBox == (try DigitRecognizer()).multiplyAddsPerBox && report.multiplyAddsPerBox > 0)
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
