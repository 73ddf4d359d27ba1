import Assessment
import FormKit
import Foundation
import Raster
import Recognition
import TestSupport
import Testing

@testable import Evaluation

@Suite("Field benchmark and review calibration")
struct FieldBenchmarkTests {
    @Test func wilsonUpperBound() {
        // No error among n: the bound is z² / (n + z²); 600 clean fields promise ≤ 0.5 %, 500 do not.
        #expect(abs(ReviewCalibration.wilsonUpper(errors: 0, of: 600) - 2.706 / 602.706) < 1e-4)
        #expect(ReviewCalibration.wilsonUpper(errors: 0, of: 600) <= 0.005)
        #expect(ReviewCalibration.wilsonUpper(errors: 0, of: 500) > 0.005)
        #expect(ReviewCalibration.wilsonUpper(errors: 5, of: 1000) > 0.005)
        #expect(ReviewCalibration.wilsonUpper(errors: 0, of: 0) == 1)
    }

    @Test func thresholdSitsAboveTheConfidentErrors() throws {
        var outcomes = (0..<2000).map { i in
            ReviewCalibration.Outcome(weakestBox: 0.9 + 0.1 * Double(i) / 2000, right: true, reviewedByPolicy: false)
        }
        // Wrong readings with weak boxes, and two wrong ones the policy already flags.
        outcomes += (0..<20).map { _ in .init(weakestBox: 0.6, right: false, reviewedByPolicy: false) }
        outcomes += (0..<2).map { _ in .init(weakestBox: 0.999, right: false, reviewedByPolicy: true) }
        let (threshold, flagged) = try #require(ReviewCalibration.threshold(outcomes))
        #expect(threshold > 0.6 && threshold <= 0.9)
        #expect(abs(flagged - 22.0 / 2022.0) < 1e-9)

        // Confident errors at the top: no threshold keeps them out.
        let hopeless = (0..<100).map { i in
            ReviewCalibration.Outcome(weakestBox: 0.99, right: i % 10 != 0, reviewedByPolicy: false)
        }
        #expect(ReviewCalibration.threshold(hopeless) == nil)
    }

    @Test func aPointCountsTheFlaggedAndTheWrongAmongTheRest() {
        let outcomes = [
            ReviewCalibration.Outcome(weakestBox: 0.999, right: true, reviewedByPolicy: false),
            .init(weakestBox: 0.995, right: false, reviewedByPolicy: false),
            .init(weakestBox: 0.999, right: false, reviewedByPolicy: true),
            .init(weakestBox: 0.9, right: false, reviewedByPolicy: false),
        ]
        let loose = ReviewCalibration.point(outcomes, threshold: 0.99)
        #expect(loose.flagged == 0.5 && loose.wrongUnflagged == 0.5 && loose.wrongShareOfAll == 0.25)
        #expect(loose.upperBound == ReviewCalibration.wilsonUpper(errors: 1, of: 2))
        let strict = ReviewCalibration.point(outcomes, threshold: 0.998)
        #expect(strict.flagged == 0.75 && strict.wrongUnflagged == 0 && strict.wrongShareOfAll == 0)
    }

    /// Printed digits labelled with the recogniser's own reading, and a blank
    /// box, at 200 and 300 dpi.
    static func printedDigits(_ recognizer: DigitRecognizer, digits: ClosedRange<Int> = 0...9) throws
        -> [DigitBenchmarkSet.Box]
    {
        var boxes: [DigitBenchmarkSet.Box] = []
        for dpi in [200, 300] {
            let (width, height) = dpi == 200 ? (34, 44) : (52, 66)
            for digit in digits {
                let image = try ImageMagick.box(String(digit), width: width, height: height, pointSize: height * 3 / 4)
                boxes.append(.init(label: recognizer.read(image).best.digit, dpi: dpi, image: image))
            }
            boxes.append(.init(label: nil, dpi: dpi, image: GreyImage(width: width, height: height)))
        }
        return boxes
    }

    /// Every field composed of printed digits must decode to exactly the composed value.
    @Test(.enabled(if: ImageMagick.isAvailable))
    func composedFieldsDecodeToTheirValues() throws {
        let recognizer = try DigitRecognizer()
        let boxes = try Self.printedDigits(recognizer)
        try #require(Set(boxes.compactMap(\.label)).count == 10, "the printed digits read as ten different digits")
        let rows = try FieldBenchmark.run(DigitBenchmarkSet(boxes: boxes), recognizer: recognizer, fields: 40)
        #expect(rows.map(\.kind) == FieldBenchmark.Kind.allCases)
        for row in rows {
            #expect(row.fields == 40)
            #expect(row.exact == 40, "\(row.summary)")
            #expect(row.wrongUnflagged == 0)
            #expect(row.summary.contains("exakt rätt 100.0 %"))
        }
    }

    /// Folds that each hold only some digits: fields take their boxes from all
    /// of them, each read by its own recogniser.
    @Test(.enabled(if: ImageMagick.isAvailable))
    func fieldsAreComposedAcrossSources() throws {
        let recognizer = try DigitRecognizer()
        let low = try Self.printedDigits(recognizer, digits: 0...4),
            high = try Self.printedDigits(recognizer, digits: 5...9)
        try #require(Set((low + high).compactMap(\.label)).count == 10)
        #expect(throws: FieldBenchmark.BenchmarkError.self) {
            try FieldBenchmark.run(DigitBenchmarkSet(boxes: low), recognizer: recognizer, fields: 20)
        }
        let sources = [low, high].map {
            FieldBenchmark.Source(set: DigitBenchmarkSet(boxes: $0), recognizer: recognizer)
        }
        let rows = try FieldBenchmark.run(sources, fields: 40)
        #expect(rows.allSatisfy { $0.exact == 40 && $0.wrongUnflagged == 0 })
        #expect(rows.allSatisfy { $0.sweep.map(\.threshold) == FieldBenchmark.sweepThresholds })
        #expect(rows.allSatisfy { row in row.sweep.allSatisfy { $0.wrongUnflagged == 0 } })
        #expect(throws: FieldBenchmark.BenchmarkError.empty) { try FieldBenchmark.run([], fields: 5) }
    }

    @Test func aSetWithoutSomeDigitIsRefusedInSwedish() throws {
        let recognizer = try DigitRecognizer()
        let set = DigitBenchmarkSet(boxes: [.init(label: nil, dpi: 300, image: GreyImage(width: 40, height: 50))])
        #expect(throws: FieldBenchmark.BenchmarkError.self) {
            try FieldBenchmark.run(set, recognizer: recognizer, fields: 5)
        }
        #expect(FieldBenchmark.BenchmarkError.missingCrops(dpi: 300).description.contains("saknar"))
        #expect(throws: FieldBenchmark.BenchmarkError.self) {
            try FieldBenchmark.run(DigitBenchmarkSet(boxes: []), recognizer: recognizer, fields: 5)
        }
        #expect(FieldBenchmark.BenchmarkError.empty.description == "Testmängden är tom.")
    }
}

@Suite("Running totals of printed digits")
struct RunningTotalBenchmarkTests {
    /// Printed digits labelled with the recogniser's own reading: every amount
    /// reads right, and every one the sum confirms is right.
    @Test(.enabled(if: ImageMagick.isAvailable))
    func benchmarkRowsOfPrintedDigits() throws {
        let recognizer = try DigitRecognizer()
        var boxes: [DigitBenchmarkSet.Box] = []
        for digit in 0..<10 {
            let image = try ImageMagick.box(String(digit), width: 52, height: 66, pointSize: 49)
            boxes.append(.init(label: recognizer.read(image).best.digit, dpi: 300, image: image))
        }
        boxes.append(.init(label: nil, dpi: 300, image: GreyImage(width: 52, height: 66)))
        try #require(Set(boxes.compactMap(\.label)).count == 10)
        let figures = try RunningTotalBenchmark.run(DigitBenchmarkSet(boxes: boxes), recognizer: recognizer, rows: 200)
        #expect(figures.rows == 200 && figures.exact == 200, "\(figures.summary)")
        #expect(figures.confirmable > 40 && figures.confirmable < 160)
        #expect(figures.released > 0 && figures.released <= figures.confirmable)
        #expect(figures.wrongReleased == 0)
        #expect(figures.summary.contains("fel bland dem 0 av \(figures.released)"))
    }
}
