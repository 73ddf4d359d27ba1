import Assessment
import FormKit
import Foundation
import Raster
import Recognition

/// Bilaga 5 rows composed of held-out crops: the previous row's total, the
/// amount and the new total, decoded and reviewed as ingest does, then the
/// amount released when the sum confirms it (`AmountConfirmation`).
///
/// Worst case for the confirmation: within a row every occurrence of a digit
/// is the same crop (one hand, one shape), so a shape the recogniser misreads
/// is misread in all three fields alike.
public enum RunningTotalBenchmark {
    public struct Figures: Sendable {
        public var rows: Int
        /// Amounts read exactly right.
        public var exact: Int
        /// Rows whose written values allow a confirmation: no place where the
        /// amount and the total share a digit (never a sheet's first row, from 0).
        public var confirmable: Int
        /// Amounts the sum confirmed: no longer sent to a person.
        public var released: Int
        /// Released amounts that are wrong: the figure that must stay at zero.
        public var wrongReleased: Int

        public var summary: String {
            func percent(_ count: Int, of total: Int) -> String {
                String(format: "%.1f %%", 100 * Double(count) / Double(max(1, total)))
            }
            let bound = ReviewCalibration.wilsonUpper(errors: wrongReleased, of: released)
            return "  belopp på bilaga 5 (föregående total + belopp = total, samma bild för samma siffra i raden): "
                + "exakt rätt \(percent(exact, of: rows)); summan kan bekräfta beloppet i \(percent(confirmable, of: rows)) "
                + "av raderna, bekräftade och inte till granskning \(percent(released, of: rows)); "
                + "fel bland dem \(wrongReleased) av \(released) "
                + String(format: "(högst %.2f %% med 95 %% säkerhet)", 100 * bound)
        }
    }

    public static func run(_ set: DigitBenchmarkSet, recognizer: DigitRecognizer, rows: Int) throws -> Figures {
        let crops = try FieldBenchmark.CropPools([.init(set: set, recognizer: recognizer)])
        let assessor = FieldAssessor(
            decoder: .outageForms(reference: FieldBenchmark.defaultReference),
            modelThreshold: recognizer.suggestedThreshold)
        var generator = SeededGenerator(seed: 75_000)
        var figures = Figures(rows: rows, exact: 0, confirmable: 0, released: 0, wrongReleased: 0)
        for _ in 0..<rows {
            // One row in ten is a sheet's first, continuing from 0; the others from a written total.
            let before =
                Int.random(in: 0..<10, using: &generator) == 0 ? 0 : logUniform(below: 70_000, using: &generator)
            let amount = logUniform(below: 100_000, using: &generator)
            let dpi = crops.randomDPI(using: &generator)
            var shapes: [Int: Int] = [:]
            /// The decoded value, and the review reasons a confirming sum would take back.
            func read(_ value: Int, boxes: Int) throws -> (value: String?, releasable: [FieldNote]?) {
                let digits = String(value).compactMap(\.wholeNumberValue)
                var labels: [Int?] = Array(repeating: nil, count: boxes - digits.count)
                labels += digits.map(Optional.some)
                let candidates = try labels.map { label -> BoxCandidates in
                    guard let label else { return crops.readings[try crops.crop(nil, dpi: dpi, using: &generator)] }
                    let shape = try shapes[label] ?? crops.crop(label, dpi: dpi, using: &generator)
                    shapes[label] = shape
                    return crops.readings[shape]
                }
                let assessment = assessor.digits(candidates, pattern: .amount)
                return (assessment.value.canonicalText, assessment.releasableBySum)
            }
            // A sheet's first row has no written previous total to read.
            let previous = before == 0 ? 0 : try read(before, boxes: 6).value.flatMap { Int($0) }
            let paid = try read(amount, boxes: 5)
            let total = try read(before + amount, boxes: 6)
            if paid.value == String(amount) { figures.exact += 1 }
            if AmountConfirmation.confirms(before: before, amount: String(amount), total: String(before + amount)) {
                figures.confirmable += 1
            }
            if let previous, let value = paid.value, let sum = total.value, paid.releasable != nil,
                AmountConfirmation.confirms(before: previous, amount: value, total: sum)
            {
                figures.released += 1
                if value != String(amount) { figures.wrongReleased += 1 }
            }
        }
        return figures
    }

    /// 1 ..< limit, log-uniform: as many two-digit as four-digit values.
    static func logUniform(below limit: Int, using generator: inout SeededGenerator) -> Int {
        min(limit - 1, max(1, Int(pow(10, Double.random(in: 0..<log10(Double(limit)), using: &generator)))))
    }
}
