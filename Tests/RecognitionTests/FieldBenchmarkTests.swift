import Foundation
import FormKit
import Raster
import Testing
@testable import Recognition

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
        let outcomes = [ReviewCalibration.Outcome(weakestBox: 0.999, right: true, reviewedByPolicy: false),
                        .init(weakestBox: 0.995, right: false, reviewedByPolicy: false),
                        .init(weakestBox: 0.999, right: false, reviewedByPolicy: true),
                        .init(weakestBox: 0.9, right: false, reviewedByPolicy: false)]
        let loose = ReviewCalibration.point(outcomes, threshold: 0.99)
        #expect(loose.flagged == 0.5 && loose.wrongUnflagged == 0.5 && loose.wrongShareOfAll == 0.25)
        #expect(loose.upperBound == ReviewCalibration.wilsonUpper(errors: 1, of: 2))
        let strict = ReviewCalibration.point(outcomes, threshold: 0.998)
        #expect(strict.flagged == 0.75 && strict.wrongUnflagged == 0 && strict.wrongShareOfAll == 0)
    }

    /// Printed digits labelled with the recogniser's own reading, and a blank
    /// box, at 200 and 300 dpi.
    static func printedDigits(_ recognizer: DigitRecognizer, digits: ClosedRange<Int> = 0...9) throws -> [DigitBenchmarkSet.Box] {
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
        let low = try Self.printedDigits(recognizer, digits: 0...4), high = try Self.printedDigits(recognizer, digits: 5...9)
        try #require(Set((low + high).compactMap(\.label)).count == 10)
        #expect(throws: FieldBenchmark.BenchmarkError.self) {
            try FieldBenchmark.run(DigitBenchmarkSet(boxes: low), recognizer: recognizer, fields: 20)
        }
        let sources = [low, high].map { FieldBenchmark.Source(set: DigitBenchmarkSet(boxes: $0), recognizer: recognizer) }
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

@Suite("Per-box review check")
struct DigitFieldCheckTests {
    let decoder = FieldDecoder.outageForms(reference: Date())

    @Test func fieldsWithoutACheckDigitNeedEveryBoxSure() {
        #expect(DigitFieldCheck.minimumBoxProbability(.time, modelThreshold: 0.95) == DigitFieldCheck.withoutCheckDigit(.time))
        #expect(DigitFieldCheck.minimumBoxProbability(.time, modelThreshold: 0.999) == 0.999)
        #expect(DigitFieldCheck.minimumBoxProbability(.amount, modelThreshold: 0.99) == 0.99)
        #expect(DigitFieldCheck.minimumBoxProbability(.personnummer, modelThreshold: 0.95) == 0.8)

        // 14:30 with the third box at 0.96: decodable, but not sure enough to pass.
        let boxes = [Boxes.sure(1, 0.999, blank: 0), Boxes.sure(4, 0.999, blank: 0),
                     Boxes.sure(3, 0.96, blank: 0), Boxes.sure(0, 0.999, blank: 0)]
        let reading = decoder.decode(boxes, pattern: .time)
        #expect(reading.value == "14:30")
        var decision = ReviewDecision.accept
        DigitFieldCheck.check(&decision, reading: reading, candidates: boxes, pattern: .time, modelThreshold: 0.95)
        #expect(decision.review)
        #expect(decision.reasons == ["Osäker siffra i ruta 3 (96 %)."])

        let sure = boxes.enumerated().map { $0.offset == 2 ? Boxes.sure(3, 0.999, blank: 0) : $0.element }
        var passed = ReviewDecision.accept
        DigitFieldCheck.check(&passed, reading: decoder.decode(sure, pattern: .time), candidates: sure,
                              pattern: .time, modelThreshold: 0.95)
        #expect(!passed.review)
    }

    @Test func everyWrittenAmountGoesToAPerson() {
        let written = Boxes.reading("  1250", confidence: 0.999)
        let reading = decoder.decode(written, pattern: .amount)
        #expect(reading.value == "1250")
        var decision = ReviewDecision.accept
        DigitFieldCheck.check(&decision, reading: reading, candidates: written, pattern: .amount, modelThreshold: 0.95)
        #expect(decision.review && decision.reasons == ["Belopp kontrolleras mot bilden; ingen summa bekräftar det."])

        let empty = Boxes.reading("      ")
        var untouched = ReviewDecision.accept
        DigitFieldCheck.check(&untouched, reading: decoder.decode(empty, pattern: .amount), candidates: empty,
                              pattern: .amount, modelThreshold: 0.95)
        #expect(!untouched.review, "an empty amount field is not sent to review for being an amount")
    }

    @Test func anEmptyReadingWithInkThatMayBeADigitGoesToAPerson() {
        // A one-digit amount whose 7 the blank model took for blank with 0.65: the value would be lost.
        var boxes = Boxes.reading("      ")
        boxes[5] = Boxes.sure(7, 0.99, blank: 0.65)
        let reading = decoder.decode(boxes, pattern: .amount)
        #expect(reading.isEmpty)
        var decision = ReviewDecision.accept
        let releasable = DigitFieldCheck.check(&decision, reading: reading, candidates: boxes, pattern: .amount,
                                               modelThreshold: 0.95)
        #expect(decision.review)
        #expect(decision.reasons == ["Fältet ser tomt ut, men ruta 6 har bläck som kan vara en siffra (tom med 65 %)."])
        #expect(releasable == nil, "no sum confirms an empty amount")

        // The same speck at the blank model's 0.85 is an empty field, for every pattern.
        for pattern in [DigitPattern.amount, .personnummer, .date, .time, .number] {
            var faint = Boxes.reading(String(repeating: " ", count: pattern.allowedBoxCounts[0]))
            faint[0] = Boxes.sure(1, 0.99, blank: 0.85)
            var untouched = ReviewDecision.accept
            DigitFieldCheck.check(&untouched, reading: decoder.decode(faint, pattern: pattern), candidates: faint,
                                  pattern: pattern, modelThreshold: 0.95)
            #expect(!untouched.review, "\(pattern)")
        }
    }

    @Test func anUnsureAmountSaysWhichBox() {
        var boxes = Boxes.reading("  1250", confidence: 0.999)
        boxes[3] = Boxes.sure(2, 0.9, blank: 0)
        let reading = decoder.decode(boxes, pattern: .amount)
        var decision = ReviewDecision.accept
        let releasable = DigitFieldCheck.check(&decision, reading: reading, candidates: boxes, pattern: .amount,
                                               modelThreshold: 0.95)
        #expect(decision.review && decision.reasons == ["Osäker siffra i ruta 4 (90 %)."])
        #expect(releasable == decision.reasons, "a sum that confirms the amount may take the box rule back")
    }

    @Test func decadesFarFromTheOutageAreNoValidDate() {
        // 66-06-01 read where 26-06-01 was written: 1966 is outside the outage's years.
        let misread = Boxes.reading("660601", confidence: 0.97)
        let reading = decoder.decode(misread, pattern: .date)
        #expect(reading.value.map { !$0.hasPrefix("1966") } ?? true, "no 1966 reading in an outage's years")
        #expect(FieldDecoder(reference: Date()).decode(misread, pattern: .date).value == "1966-06-01")
    }
}

@Suite("Amounts confirmed by a sum on the form")
struct AmountConfirmationTests {
    @Test func aSumConfirmsOnlyWhereNoPlaceSharesADigit() {
        #expect(AmountConfirmation.confirms(before: 9225, amount: "300", total: "9525"))
        #expect(AmountConfirmation.confirms(before: 4475, amount: "2500", total: "6975"))
        #expect(AmountConfirmation.confirms(before: 99, amount: "1", total: "100"))
        // The sum fails.
        #expect(!AmountConfirmation.confirms(before: 3575, amount: "800", total: "4475"))
        // 0 + 500 = 500: a 5 misread as 6 in both fields would still add up.
        #expect(!AmountConfirmation.confirms(before: 0, amount: "500", total: "500"))
        // 1550 + 400 = 1950: the units 0 is in both; 12000 + 345 = 12345: every place shared.
        #expect(!AmountConfirmation.confirms(before: 1550, amount: "400", total: "1950"))
        #expect(!AmountConfirmation.confirms(before: 12000, amount: "345", total: "12345"))
        #expect(!AmountConfirmation.confirms(before: 10, amount: "x", total: "10"))
    }

    /// Every misread of one digit shape in a confirmed row breaks its sum,
    /// whether the shape is misread everywhere or only in the amount and the
    /// total: the property the place rule exists for, on a grid of sums.
    @Test func noMisreadShapeKeepsAConfirmedSum() {
        for before in stride(from: 0, through: 3_000, by: 97) {
            for amount in stride(from: 1, through: 1_500, by: 29) {
                let total = before + amount
                guard AmountConfirmation.confirms(before: before, amount: String(amount), total: String(total)) else {
                    continue
                }
                for shape in 0...9 {
                    for misread in 0...9 where misread != shape {
                        func swap(_ value: Int) -> Int {
                            Int(String(String(value).map { $0.wholeNumberValue == shape ? Character(String(misread)) : $0 })) ?? -1
                        }
                        guard swap(amount) != amount else { continue }
                        #expect(swap(before) + swap(amount) != swap(total),
                                "\(before) + \(amount) = \(total) with \(shape) read as \(misread)")
                        #expect(before + swap(amount) != swap(total),
                                "\(before) + \(amount) = \(total) with \(shape) read as \(misread) after the previous total")
                    }
                }
            }
        }
    }

    @Test func aSumConfirmsItsPartsAndItsTotal() throws {
        let all = try #require(AmountConfirmation.confirmed(parts: ["418276", "305147"], total: "723423"))
        #expect(all.parts == [true, true] && all.total)
        // An empty part is 0: 1876 + nothing = 1876 shares every place.
        let alone = try #require(AmountConfirmation.confirmed(parts: ["1876", nil], total: "1876"))
        #expect(alone.parts == [false, true] && !alone.total)
        // 1876 + 459 = 2335: no place shared; 1200 + 345 = 1545: the total shares its 1 and 5.
        #expect(AmountConfirmation.confirmed(parts: ["1876", "459"], total: "2335").map { $0.parts + [$0.total] } == [true, true, true])
        let partly = try #require(AmountConfirmation.confirmed(parts: ["1200", "345"], total: "1545"))
        #expect(partly.parts == [false, false] && !partly.total)
        #expect(AmountConfirmation.confirmed(parts: ["12", "3"], total: "16") == nil)
        #expect(AmountConfirmation.confirmed(parts: ["12", "x"], total: "12") == nil)
    }

    /// Two parts and a total: a misread of one digit shape in any combination
    /// of the three fields that touches a confirmed field breaks the sum.
    @Test func noMisreadShapeKeepsAConfirmedPartOrTotal() {
        for a in stride(from: 1, through: 4_000, by: 131) {
            for b in stride(from: 1, through: 3_000, by: 73) {
                let fields = [String(a), String(b), String(a + b)]
                guard let confirmed = AmountConfirmation.confirmed(parts: [fields[0], fields[1]], total: fields[2]) else {
                    Issue.record("\(a) + \(b) must add up")
                    continue
                }
                let sure = confirmed.parts + [confirmed.total]
                for shape in 0...9 {
                    for misread in 0...9 where misread != shape {
                        for subset in 1..<8 {  // which of the three fields misread the shape
                            let read = fields.enumerated().map { index, text in
                                subset & (1 << index) == 0 ? text
                                    : String(text.map { $0.wholeNumberValue == shape ? Character(String(misread)) : $0 })
                            }
                            let touched = (0..<3).filter { read[$0] != fields[$0] }
                            guard touched.contains(where: { sure[$0] }) else { continue }
                            let values = read.map { Int($0) ?? -1 }
                            #expect(values[0] + values[1] != values[2],
                                    "\(fields) read as \(read): a confirmed field changed and the sum still holds")
                        }
                    }
                }
            }
        }
    }

    @Test func theReviewIsThePolicyThenTheCheck() {
        let decoder = FieldDecoder.outageForms(reference: Date())
        func review(_ confidence: Double) -> DigitFieldCheck.Review {
            let boxes = Boxes.reading("  1250", confidence: confidence)
            return DigitFieldCheck.review(decoder.decode(boxes, pattern: .amount), candidates: boxes, pattern: .amount,
                                          policy: ReviewPolicy(), modelThreshold: 0.95)
        }
        let sure = review(0.999)
        #expect(sure.policyPassed && sure.decision.review)
        #expect(sure.releasableBySum == [DigitFieldCheck.amountReason])
        let doubtful = review(0.6)
        #expect(!doubtful.policyPassed && doubtful.decision.review && doubtful.releasableBySum == nil)
        // The policy's reason first, then the check's.
        #expect(doubtful.decision.reasons.map { $0.prefix(14) } == ["Osäker läsning", "Osäker siffra "],
                "\(doubtful.decision.reasons)")
    }

    @Test func onlyTheCheckReasonsOfAPassedAmountAreReleasable() {
        let decoder = FieldDecoder.outageForms(reference: Date())
        func check(_ text: String, _ pattern: DigitPattern, policy: ReviewDecision = .accept) -> (ReviewDecision, [String]?) {
            let boxes = Boxes.reading(text, confidence: 0.999)
            var decision = policy
            let releasable = DigitFieldCheck.check(&decision, reading: decoder.decode(boxes, pattern: pattern),
                                                   candidates: boxes, pattern: pattern, modelThreshold: 0.95)
            return (decision, releasable)
        }
        #expect(check("  1250", .amount).1 == [DigitFieldCheck.amountReason])
        // The policy doubted the reading: no sum takes that back, nor what the check added.
        let doubted = check("  1250", .amount, policy: .review("Osäker läsning."))
        #expect(doubted.0.review && doubted.1 == nil)
        #expect(check("001250", .number).1 == nil)
        #expect(check("      ", .amount).1 == nil)

        var review = true
        var messages = ["Osäker siffra i ruta 2 (90 %).", "Totalen närmar sig 75000 kr"]
        AmountConfirmation.release(review: &review, messages: &messages, releasable: ["Osäker siffra i ruta 2 (90 %)."])
        #expect(!review && messages == ["Totalen närmar sig 75000 kr"])
    }

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
