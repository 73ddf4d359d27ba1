import Assessment
import FormKit
import Foundation
import Raster
import Recognition

/// Figures from running the Swift recogniser over an exported box set.
public struct DigitBenchmarkReport: Sendable {
    /// Accuracy of the most confident share of the digit boxes.
    public struct CoveragePoint: Sendable {
        public var coverage: Double
        public var accuracy: Double
        /// The lowest top probability among the boxes included.
        public var threshold: Double
    }

    public var digitBoxes: Int
    public var blankBoxes: Int
    /// Share of digit boxes whose most likely digit is right.
    public var accuracy: Double
    /// Accuracy per digit 0–9.
    public var perDigitAccuracy: [Double]
    public var coverage: [CoveragePoint]
    /// The model's suggested review threshold, the share of digit boxes it
    /// flags, and the error rate among those it does not flag.
    public var threshold: Double
    public var flaggedShare: Double
    public var unflaggedErrorRate: Double
    /// Blank boxes read as blank (P(blank) > 0.5), and digit boxes read as blank.
    public var blanksDetected: Double
    public var digitsLostAsBlank: Double
    /// Single-thread speed, preprocessing and network included (best pass),
    /// by the wall clock and by the thread's own CPU time (which other
    /// processes on a busy machine do not inflate).
    public var boxesPerSecond: Double
    public var boxesPerCPUSecond: Double = 0
    /// The networks' multiply-adds per box, to compare models' cost with their speed:
    /// of the first network, and of all for the boxes it was unsure of.
    public var multiplyAddsPerBox = 0
    public var multiplyAddsEscalated = 0
    /// Share of the boxes read by a network that every network read.
    public var escalatedShare = 0.0
    public var microsecondsPerBox: Double { 1_000_000 / boxesPerSecond }
    public var cpuMicrosecondsPerBox: Double { 1_000_000 / max(boxesPerCPUSecond, 1e-9) }

    /// A short report in Swedish.
    public var summary: String {
        func percent(_ value: Double) -> String { String(format: "%.2f %%", 100 * value) }
        var lines = [
            "Sifferrutor: \(digitBoxes), tomma rutor: \(blankBoxes)",
            "Träffsäkerhet: \(percent(accuracy))",
            "Per siffra: "
                + perDigitAccuracy.enumerated().map { "\($0.offset): \(percent($0.element))" }.joined(separator: ", "),
        ]
        for point in coverage {
            lines.append(
                "De \(percent(point.coverage)) säkraste: \(percent(point.accuracy)) rätt (sannolikhet ≥ \(String(format: "%.4f", point.threshold)))"
            )
        }
        lines.append(
            "Granskningströskel \(String(format: "%.4f", threshold)): flaggar \(percent(flaggedShare)), fel bland oflaggade \(percent(unflaggedErrorRate))"
        )
        lines.append(
            "Tomma rutor igenkända: \(percent(blanksDetected)), siffror tagna för tomma: \(percent(digitsLostAsBlank))")
        lines.append(
            String(
                format:
                    "Hastighet: %.0f rutor/s på en tråd (%.1f µs per ruta); räknat på trådens CPU-tid %.0f rutor/s (%.1f µs per ruta)",
                boxesPerSecond, microsecondsPerBox, boxesPerCPUSecond, cpuMicrosecondsPerBox))
        if multiplyAddsEscalated > multiplyAddsPerBox {
            lines.append(
                String(
                    format:
                        "Nätverkens multiplikationer per ruta: %.2f miljoner; %.2f miljoner för de %.1f %% som det första nätet var osäkert på och alla nät läste",
                    Double(multiplyAddsPerBox) / 1e6, Double(multiplyAddsEscalated) / 1e6, 100 * escalatedShare))
        } else {
            lines.append(
                String(format: "Nätverkets multiplikationer per ruta: %.2f miljoner", Double(multiplyAddsPerBox) / 1e6))
        }
        return lines.joined(separator: "\n")
    }
}

/// Benchmarks the digit recogniser on a box set exported by evaluate.py.
public enum DigitBenchmark {
    /// Loads the export at `exportFile` and measures it with `run(_:recognizer:passes:)`
    /// (the bundled model when `recognizer` is nil).
    public static func run(
        exportFile: URL, recognizer: DigitRecognizer? = nil,
        passes: Int = 3
    ) throws -> DigitBenchmarkReport {
        run(
            try DigitBenchmarkSet(contentsOf: exportFile), recognizer: try recognizer ?? DigitRecognizer(),
            passes: passes)
    }

    /// Reads every box of `set` with `reader` on the calling thread, `passes`
    /// times for the timing, and returns the figures.
    public static func run(
        _ set: DigitBenchmarkSet, recognizer reader: DigitRecognizer,
        passes: Int = 3
    ) -> DigitBenchmarkReport {
        let images = set.boxes.map(\.image)
        var results: [BoxCandidates] = []
        var escalatedShare = 0.0
        var best = (wall: Double.infinity, cpu: Double.infinity)
        for _ in 0..<max(1, passes) {
            let start = (DispatchTime.now().uptimeNanoseconds, threadCPUSeconds())
            let counted = reader.readCounting(images)
            results = counted.results
            escalatedShare = Double(counted.escalated) / Double(max(1, counted.networkReads))
            let wall = Double(DispatchTime.now().uptimeNanoseconds - start.0) / 1e9
            best = (min(best.wall, wall), min(best.cpu, threadCPUSeconds() - start.1))
        }
        var figures = report(
            set: set, results: results, threshold: reader.suggestedThreshold,
            boxesPerSecond: Double(images.count) / max(best.wall, 1e-9))
        figures.boxesPerCPUSecond = Double(images.count) / max(best.cpu, 1e-9)
        figures.multiplyAddsPerBox = reader.multiplyAddsPerBox
        figures.multiplyAddsEscalated = reader.multiplyAddsEscalated
        figures.escalatedShare = escalatedShare
        return figures
    }

    /// CPU time used by the calling thread so far.
    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func report(
        set: DigitBenchmarkSet, results: [BoxCandidates], threshold: Double,
        boxesPerSecond: Double
    ) -> DigitBenchmarkReport {
        var readings: [(confidence: Double, right: Bool)] = []
        var perDigit = Array(repeating: (right: 0, total: 0), count: 10)
        var blanks = 0, blanksDetected = 0, lost = 0
        for (box, result) in zip(set.boxes, results) {
            guard let label = box.label else {
                blanks += 1
                if result.blank > 0.5 { blanksDetected += 1 }
                continue
            }
            if result.blank > 0.5 { lost += 1 }
            let best = result.best
            readings.append((best.probability, best.digit == label))
            perDigit[label].total += 1
            if best.digit == label { perDigit[label].right += 1 }
        }
        let sorted = readings.sorted { $0.confidence > $1.confidence }
        let coverage = [0.90, 0.95, 0.99, 1.0].map { share -> DigitBenchmarkReport.CoveragePoint in
            let n = max(1, Int((share * Double(sorted.count)).rounded()))
            let top = sorted.prefix(n)
            return .init(
                coverage: share, accuracy: Double(top.filter(\.right).count) / Double(max(1, top.count)),
                threshold: top.last?.confidence ?? 1)
        }
        let unflagged = readings.filter { $0.confidence >= threshold }
        let digits = max(1, readings.count)
        return DigitBenchmarkReport(
            digitBoxes: readings.count, blankBoxes: blanks,
            accuracy: Double(readings.filter(\.right).count) / Double(digits),
            perDigitAccuracy: perDigit.map { Double($0.right) / Double(max(1, $0.total)) },
            coverage: coverage, threshold: threshold,
            flaggedShare: 1 - Double(unflagged.count) / Double(digits),
            unflaggedErrorRate: Double(unflagged.filter { !$0.right }.count) / Double(max(1, unflagged.count)),
            blanksDetected: Double(blanksDetected) / Double(max(1, blanks)),
            digitsLostAsBlank: Double(lost) / Double(digits),
            boxesPerSecond: boxesPerSecond)
    }
}
