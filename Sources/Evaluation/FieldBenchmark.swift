import Assessment
import FormKit
import Foundation
import Raster
import Recognition

/// Whole digits fields composed of box crops the model never saw (an export of
/// Training/digits/evaluate.py, or the folds of crossval.py, each read by the
/// network trained without it): each box a random crop of the right digit, or
/// a blank crop, at one dpi; decoded under the field's pattern with the same
/// review rules as ingest (`FieldDecoder.outageForms`, `ReviewPolicy`,
/// `DigitFieldCheck`).
public enum FieldBenchmark {
    /// The field kinds measured, with invented values.
    public enum Kind: String, CaseIterable, Sendable {
        case personnummer, date, time, amount, number

        public var pattern: DigitPattern {
            switch self {
            case .personnummer: return .personnummer
            case .date: return .date
            case .time: return .time
            case .amount: return .amount
            case .number: return .number
            }
        }

        /// Swedish, for the report.
        public var title: String {
            switch self {
            case .personnummer: return "personnummer (10 rutor)"
            case .date: return "datum ÅÅMMDD under det senaste året (6 rutor)"
            case .time: return "klockslag TTMM (4 rutor)"
            case .amount: return "belopp 1–999 999 kr, log-likformigt, högerställt (6 rutor)"
            case .number: return "nummer, fyra valfria siffror som USB-minnets (4 rutor)"
            }
        }

        /// Each box's digit (nil: left empty) and the value the decoder should give.
        func make(reference: CivilDate, using generator: inout SeededGenerator) -> (boxes: [Int?], expected: String) {
            func two(_ v: Int) -> [Int?] { [v / 10 % 10, v % 10] }
            switch self {
            case .personnummer:
                let number = generator.personnummer()
                return (number.digits, number.normalised)
            case .date:
                let day = reference.adding(days: -Int.random(in: 1...365, using: &generator))
                return (
                    two(day.year % 100) + two(day.month) + two(day.day),
                    String(format: "%04d-%02d-%02d", day.year, day.month, day.day)
                )
            case .time:
                let (h, m) = (Int.random(in: 0...23, using: &generator), Int.random(in: 0...59, using: &generator))
                return (two(h) + two(m), String(format: "%02d:%02d", h, m))
            case .amount:
                // Log-uniform: as many two-digit as five-digit amounts.
                let amount = min(999_999, max(1, Int(pow(10, Double.random(in: 0..<6, using: &generator)))))
                let digits = String(amount).compactMap(\.wholeNumberValue).map(Optional.some)
                return (Array(repeating: nil, count: 6 - digits.count) + digits, String(amount))
            case .number:
                let digits = (0..<4).map { _ in Int.random(in: 0...9, using: &generator) }
                return (digits, digits.map(String.init).joined())
            }
        }
    }

    /// The figures for one kind of field.
    public struct Row: Sendable {
        public var kind: Kind
        public var fields: Int
        public var exact: Int
        public var flagged: Int
        public var wrongUnflagged: Int
        /// The per-box threshold that would keep wrong unflagged fields at or
        /// below 0.5 % with 95 % confidence on these fields, and the share it flags.
        public var calibrated: (threshold: Double, flagged: Double)?
        /// What other per-box minimums for this kind would do (`sweepThresholds`).
        public var sweep: [ReviewCalibration.Point] = []

        public var summary: String {
            func percent(_ count: Int, _ digits: Int = 1) -> String {
                String(format: "%.\(digits)f %%", 100 * Double(count) / Double(max(1, fields)))
            }
            let unflagged = fields - flagged
            var text =
                "  \(kind.title): exakt rätt \(percent(exact)), till granskning \(percent(flagged)), "
                + "fel utan flagga \(percent(wrongUnflagged, 2))"
                + String(format: " (%.2f %% av de oflaggade)", 100 * Double(wrongUnflagged) / Double(max(1, unflagged)))
            if let calibrated {
                text += String(
                    format:
                        "\n    tröskel per ruta för ≤ 0,5 %% fel bland oflaggade (95 %% säkerhet): %.4f, flaggar då %.1f %%",
                    calibrated.threshold, 100 * calibrated.flagged)
            } else {
                text += "\n    ingen tröskel per ruta håller felen bland oflaggade under 0,5 % med 95 % säkerhet"
            }
            for point in sweep {
                text += String(
                    format: "\n    minst %.3f per ruta: till granskning %.1f %%, fel utan flagga %.2f %% av alla, "
                        + "%.2f %% av de oflaggade (högst %.2f %% med 95 %% säkerhet)",
                    point.threshold, 100 * point.flagged, 100 * point.wrongShareOfAll,
                    100 * point.wrongUnflagged, 100 * point.upperBound)
            }
            return text
        }
    }

    public enum BenchmarkError: Error, Equatable, CustomStringConvertible {
        case empty
        case missingCrops(dpi: Int)

        public var description: String {
            switch self {
            case .empty: return "Testmängden är tom."
            case .missingCrops(let dpi): return "Testmängden saknar någon siffra eller tom ruta vid \(dpi) dpi."
            }
        }
    }

    /// Every crop of a set read once, grouped by dpi and label, for composing fields.
    struct CropPools {
        let readings: [BoxCandidates]
        let pools: [Int: [Int?: [Int]]]
        let dpis: [Int]

        /// Each set read by its own recogniser; the pools hold the crops of all of them.
        init(_ sources: [Source]) throws {
            var readings: [BoxCandidates] = []
            var pools: [Int: [Int?: [Int]]] = [:]
            for source in sources {
                for (box, reading) in zip(source.set.boxes, source.recognizer.read(source.set.boxes.map(\.image))) {
                    pools[box.dpi, default: [:]][box.label, default: []].append(readings.count)
                    readings.append(reading)
                }
            }
            self.readings = readings
            self.pools = pools
            dpis = pools.keys.sorted()
            guard !dpis.isEmpty else { throw BenchmarkError.empty }
        }

        func randomDPI(using generator: inout SeededGenerator) -> Int {
            dpis[Int.random(in: 0..<dpis.count, using: &generator)]
        }

        /// The index of a random crop of `label` (nil: blank) at `dpi`.
        func crop(_ label: Int?, dpi: Int, using generator: inout SeededGenerator) throws -> Int {
            guard let index = pools[dpi]?[label]?.randomElement(using: &generator) else {
                throw BenchmarkError.missingCrops(dpi: dpi)
            }
            return index
        }
    }

    /// A set of crops and the recogniser that reads them.
    public struct Source: Sendable {
        public var set: DigitBenchmarkSet
        public var recognizer: DigitRecognizer

        public init(set: DigitBenchmarkSet, recognizer: DigitRecognizer) {
            self.set = set
            self.recognizer = recognizer
        }
    }

    /// The day the synthetic dates lead up to (the sample outage's end): the
    /// figures do not depend on which day it is, and no run depends on the clock.
    public static let defaultReference = CivilDate(year: 2026, month: 10, day: 16) ?? CivilDate(dayNumber: 0)

    /// The per-box minimums `Row.sweep` reports, around the rules in use.
    public static let sweepThresholds = [0.975, 0.98, 0.985, 0.99, 0.993, 0.995, 0.997, 0.998, 0.999]

    /// `fields` fields of every kind, seeded, read with `recognizer`.
    public static func run(
        _ set: DigitBenchmarkSet, recognizer: DigitRecognizer, fields: Int,
        reference: CivilDate = defaultReference
    ) throws -> [Row] {
        try run([Source(set: set, recognizer: recognizer)], fields: fields, reference: reference)
    }

    /// `fields` fields of every kind, seeded, each box a crop of any source read
    /// by that source's recogniser (the folds of a cross-validation). The review
    /// rules take the first recogniser's threshold.
    public static func run(_ sources: [Source], fields: Int, reference: CivilDate = defaultReference) throws -> [Row] {
        guard let modelThreshold = sources.first?.recognizer.suggestedThreshold else { throw BenchmarkError.empty }
        let crops = try CropPools(sources)
        let assessor = FieldAssessor(decoder: .outageForms(reference: reference), modelThreshold: modelThreshold)
        return try Kind.allCases.map { kind in
            var generator = SeededGenerator(seed: 20261127 &+ UInt64(kind.rawValue.count))
            var row = Row(kind: kind, fields: fields, exact: 0, flagged: 0, wrongUnflagged: 0)
            var outcomes: [ReviewCalibration.Outcome] = []
            for _ in 0..<fields {
                let field = kind.make(reference: reference, using: &generator)
                let dpi = crops.randomDPI(using: &generator)
                let boxes = try field.boxes.map { crops.readings[try crops.crop($0, dpi: dpi, using: &generator)] }
                let verdict = assessor.digitsVerdict(boxes, pattern: kind.pattern)
                let right = verdict.reading.value == field.expected
                outcomes.append(
                    .init(
                        weakestBox: FieldAssessor.weakestBox(verdict.reading, boxes)?.probability ?? 0,
                        right: right, reviewedByPolicy: !verdict.passedReading))
                if right { row.exact += 1 }
                if verdict.assessment.needsReview { row.flagged += 1 } else if !right { row.wrongUnflagged += 1 }
            }
            row.calibrated = ReviewCalibration.threshold(outcomes)
            row.sweep = sweepThresholds.map { ReviewCalibration.point(outcomes, threshold: $0) }
            return row
        }
    }
}

/// Calibration of a review threshold against a target error rate.
public enum ReviewCalibration {
    public struct Outcome: Sendable {
        public var weakestBox: Double
        public var right: Bool
        public var reviewedByPolicy: Bool

        public init(weakestBox: Double, right: Bool, reviewedByPolicy: Bool) {
            self.weakestBox = weakestBox
            self.right = right
            self.reviewedByPolicy = reviewedByPolicy
        }
    }

    /// The lowest threshold on the weakest box's probability such that, among
    /// the fields the review policy passes and whose weakest box reaches it, at
    /// most `target` are wrong with 95 % confidence (Wilson upper bound); and
    /// the share of all fields then flagged. Nil when no threshold achieves it.
    public static func threshold(_ outcomes: [Outcome], target: Double = 0.005) -> (threshold: Double, flagged: Double)?
    {
        let passed = outcomes.filter { !$0.reviewedByPolicy }.sorted { $0.weakestBox > $1.weakestBox }
        var wrong = 0
        var best: (threshold: Double, accepted: Int)? = nil
        for (index, outcome) in passed.enumerated() {
            if !outcome.right { wrong += 1 }
            // A threshold cannot split equal probabilities: cut only after the last of a tie.
            if index + 1 < passed.count, passed[index + 1].weakestBox == outcome.weakestBox { continue }
            if wilsonUpper(errors: wrong, of: index + 1) <= target { best = (outcome.weakestBox, index + 1) }
        }
        guard let best else { return nil }
        return (best.threshold, 1 - Double(best.accepted) / Double(outcomes.count))
    }

    /// The fields flagged, and those wrong among the rest, with a given
    /// per-box minimum (shares of all fields and of the unflagged).
    public struct Point: Sendable, Equatable {
        public var threshold: Double
        public var flagged: Double
        /// Among the unflagged fields.
        public var wrongUnflagged: Double
        /// Wrong and unflagged among all fields.
        public var wrongShareOfAll: Double
        /// `wilsonUpper` of the wrong among the unflagged.
        public var upperBound: Double
    }

    /// What the per-box minimum `threshold` does to `outcomes`: flagged are the
    /// fields the policy reviews and those whose weakest box is below it; the
    /// error rate is over the fields left unflagged (as in `threshold`).
    public static func point(_ outcomes: [Outcome], threshold: Double) -> Point {
        let passed = outcomes.filter { !$0.reviewedByPolicy && $0.weakestBox >= threshold }
        let wrong = passed.count { !$0.right }
        return Point(
            threshold: threshold, flagged: 1 - Double(passed.count) / Double(max(1, outcomes.count)),
            wrongUnflagged: Double(wrong) / Double(max(1, passed.count)),
            wrongShareOfAll: Double(wrong) / Double(max(1, outcomes.count)),
            upperBound: wilsonUpper(errors: wrong, of: passed.count))
    }

    /// One-sided 95 % upper bound of an error rate (Wilson score interval).
    public static func wilsonUpper(errors: Int, of n: Int, z: Double = 1.645) -> Double {
        guard n > 0 else { return 1 }
        let (k, count) = (Double(errors), Double(n))
        let rate = k / count
        let centre = rate + z * z / (2 * count)
        let spread = z * (rate * (1 - rate) / count + z * z / (4 * count * count)).squareRoot()
        return (centre + spread) / (1 + z * z / count)
    }
}

extension SeededGenerator {
    /// A Luhn-valid ten-digit personnummer of an invented person born 1940–2020.
    mutating func personnummer() -> (digits: [Int], normalised: String) {
        let year = Int.random(in: 1940...2020, using: &self)
        let month = Int.random(in: 1...12, using: &self), day = Int.random(in: 1...28, using: &self)
        let serial = Int.random(in: 0...999, using: &self)
        func two(_ v: Int) -> [Int] { [v / 10 % 10, v % 10] }
        var digits = two(year % 100) + two(month) + two(day) + [serial / 100, serial / 10 % 10, serial % 10]
        digits.append(Luhn.checkDigit(forFirstNine: digits))
        let text = digits.map(String.init).joined()
        return (digits, "\(year / 100)" + text.prefix(6) + "-" + text.suffix(4))
    }
}
