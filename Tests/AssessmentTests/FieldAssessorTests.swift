import FormKit
import Foundation
import Raster
import TestSupport
import Testing

@testable import Assessment

/// The one field assessment: what every kind of reading becomes, and when a person must look.
@Suite("FieldAssessor")
struct FieldAssessorTests {
    static let outageEnd = CivilDate(year: 2026, month: 10, day: 16)!
    let assessor = FieldAssessor(decoder: .outageForms(reference: Self.outageEnd), modelThreshold: 0.95)

    /// A classifier that puts the true digit on top with probability 1 − `errorRate`
    /// (confidence 0.6–0.99), else a wrong digit on top with the true one second.
    static func simulatedBox(_ digit: Int, errorRate: Double, using generator: inout SeededGenerator) -> BoxCandidates {
        if Double.random(in: 0..<1, using: &generator) >= errorRate {
            return Boxes.weighted([digit: Double.random(in: 0.6...0.99, using: &generator)], blank: 0.01)
        }
        let wrong = (digit + Int.random(in: 1...9, using: &generator)) % 10
        let top = Double.random(in: 0.4...0.8, using: &generator)
        return Boxes.weighted(
            [wrong: top, digit: (1 - top) * Double.random(in: 0.3...0.9, using: &generator)], blank: 0.01)
    }

    /// Simulated 10-digit personnummer fields judged by the reading's probabilities alone.
    func simulate(minimum: Double, errorRate: Double, fields: Int = 400) -> (accepted: Int, wrongRate: Double) {
        var policy = FieldPolicy()
        policy.minimumDigitProbability = minimum
        let assessor = FieldAssessor(policy: policy, decoder: self.assessor.decoder, modelThreshold: 0.95)
        var generator = SeededGenerator(seed: 42)
        var accepted = 0, wrong = 0
        for _ in 0..<fields {
            let date = String(
                format: "%02d%02d%02d", Int.random(in: 40...99, using: &generator),
                Int.random(in: 1...12, using: &generator), Int.random(in: 1...28, using: &generator))
            let truth = Boxes.withCheckDigit(date + String(format: "%03d", Int.random(in: 0...999, using: &generator)))
            let boxes = truth.map { Self.simulatedBox($0.wholeNumberValue!, errorRate: errorRate, using: &generator) }
            let verdict = assessor.digitsVerdict(boxes, pattern: .personnummer)
            guard verdict.passedReading else { continue }
            accepted += 1
            if verdict.reading.best?.boxes != truth { wrong += 1 }
        }
        return (accepted, Double(wrong) / Double(max(1, accepted)))
    }

    /// The measurement the reading's probability minimum was chosen from (docs/field-policy.md).
    @Test func theDigitMinimumKeepsAcceptedReadingsCorrect() {
        let five = simulate(minimum: FieldPolicy.standard.minimumDigitProbability, errorRate: 0.05)
        let ten = simulate(minimum: FieldPolicy.standard.minimumDigitProbability, errorRate: 0.1)
        #expect(five.wrongRate <= 0.005 && ten.wrongRate <= 0.01)
        #expect(five.accepted >= 240 && ten.accepted >= 180)
        #expect(simulate(minimum: 0.8, errorRate: 0.1).wrongRate > ten.wrongRate, "a lower minimum lets more through")
    }

    @Test func aDigitsFieldIsTypedAndCarriesItsAlternativesAndBoxes() {
        let a = assessor.digits(Boxes.reading("261015", confidence: 0.999), pattern: .date)
        #expect(a.value == .date(CivilDate(year: 2026, month: 10, day: 15)!))
        #expect(!a.needsReview && a.notes.isEmpty && a.hasInk)
        #expect(a.boxReadings.first == "261015")
        let time = assessor.digits(Boxes.reading("0930", confidence: 0.999), pattern: .time)
        #expect(time.value == .time(ClockTime(hour: 9, minute: 30)!))
        let number = assessor.digits(Boxes.reading("0042", confidence: 0.999), pattern: .number)
        #expect(number.value == .number("0042"))
    }

    @Test func invalidAndEmptyDigitFields() {
        let invalid = assessor.digits(Boxes.reading("811218    "), pattern: .personnummer)
        #expect(invalid.value == .empty && invalid.needsReview)
        #expect(invalid.notes == [FieldNote(.invalid, "Fältet är bara delvis ifyllt: 4 av 10 rutor är tomma.")])
        #expect(invalid.hasValidationError)
        let empty = assessor.digits(Array(repeating: .empty, count: 4), pattern: .time)
        #expect(empty.value == .empty && !empty.needsReview && !empty.hasInk)
    }

    @Test func fieldsWithoutACheckDigitNeedEveryBoxSure() {
        let policy = FieldPolicy.standard
        #expect(policy.boxMinimum(.time, modelThreshold: 0.95) == FieldPolicy.withoutCheckDigit(.time))
        #expect(policy.boxMinimum(.time, modelThreshold: 0.999) == 0.999)
        #expect(policy.boxMinimum(.amount, modelThreshold: 0.99) == 0.99)
        #expect(policy.boxMinimum(.personnummer, modelThreshold: 0.95) == 0.8)
        // 14:30 with the third box at 0.96: decodable, but not sure enough to pass.
        let boxes = [
            Boxes.sure(1, 0.999, blank: 0), Boxes.sure(4, 0.999, blank: 0),
            Boxes.sure(3, 0.96, blank: 0), Boxes.sure(0, 0.999, blank: 0),
        ]
        let unsure = assessor.digits(boxes, pattern: .time)
        #expect(unsure.value.canonicalText == "14:30" && unsure.needsReview)
        #expect(unsure.notes == [FieldNote(.uncertain, "Osäker siffra i ruta 3 (96 %).")])
        let sure = boxes.enumerated().map { $0.offset == 2 ? Boxes.sure(3, 0.999, blank: 0) : $0.element }
        #expect(!assessor.digits(sure, pattern: .time).needsReview)
    }

    @Test func everyWrittenAmountGoesToAPersonUnlessASumConfirmsIt() {
        let amount = assessor.digits(Boxes.reading("  1250", confidence: 0.999), pattern: .amount)
        #expect(amount.value == .amount(1250) && amount.needsReview)
        #expect(amount.notes == [FieldAssessor.amountNote])
        #expect(amount.releasableBySum == [FieldAssessor.amountNote])
        var released = amount
        released.remind("Totalen närmar sig 75000 kr")
        released.releaseBySum()
        #expect(!released.needsReview && released.notes == [FieldNote(.reminder, "Totalen närmar sig 75000 kr")])
        let empty = assessor.digits(Boxes.reading("      "), pattern: .amount)
        #expect(!empty.needsReview, "an empty amount field is not sent to review for being an amount")
        #expect(assessor.digits(Boxes.reading("001250", confidence: 0.999), pattern: .number).releasableBySum == nil)
    }

    @Test func aDoubtedAmountIsNotReleasedByASum() {
        let doubtful = assessor.digitsVerdict(Boxes.reading("  1250", confidence: 0.6), pattern: .amount)
        #expect(!doubtful.passedReading && doubtful.assessment.needsReview)
        #expect(doubtful.assessment.releasableBySum == nil)
        // The reading's notes first, then the per-box one.
        #expect(doubtful.assessment.notes.map { $0.text.prefix(14) } == ["Osäker läsning", "Osäker siffra "])
        var boxes = Boxes.reading("  1250", confidence: 0.999)
        boxes[3] = Boxes.sure(2, 0.9, blank: 0)
        let unsureBox = assessor.digits(boxes, pattern: .amount)
        #expect(unsureBox.notes == [FieldNote(.uncertain, "Osäker siffra i ruta 4 (90 %).")])
        #expect(
            unsureBox.releasableBySum == unsureBox.notes, "a sum that confirms the amount may take the box rule back")
    }

    @Test func anEmptyReadingWithInkThatMayBeADigitGoesToAPerson() {
        // A one-digit amount whose 7 the blank model took for blank with 0.65: the value would be lost.
        var boxes = Boxes.reading("      ")
        boxes[5] = Boxes.sure(7, 0.99, blank: 0.65)
        let a = assessor.digits(boxes, pattern: .amount)
        #expect(a.value == .empty && a.needsReview && a.hasInk)
        #expect(
            a.notes.map(\.text) == ["Fältet ser tomt ut, men ruta 6 har bläck som kan vara en siffra (tom med 65 %)."])
        #expect(a.releasableBySum == nil, "no sum confirms an empty amount")
        // The same speck at the blank model's 0.85 is an empty field, for every pattern.
        for pattern in DigitPattern.allCases {
            var faint = Boxes.reading(String(repeating: " ", count: pattern.allowedBoxCounts[0]))
            faint[0] = Boxes.sure(1, 0.99, blank: 0.85)
            #expect(!assessor.digits(faint, pattern: pattern).needsReview, "\(pattern)")
        }
    }

    @Test func decadesFarFromTheOutageAreNoValidDate() {
        // 66-06-01 read where 26-06-01 was written: 1966 is outside the outage's years.
        let misread = Boxes.reading("660601", confidence: 0.97)
        #expect(assessor.digits(misread, pattern: .date).value.date?.year != 1966)
        let century = FieldDecoder(context: DecodingContext(reference: Self.outageEnd))
        #expect(century.decode(misread, pattern: .date).value == "1966-06-01")
    }

    @Test func theSameBoxesMeanAnotherDayUnderAnotherOutage() {
        let decoder = FieldDecoder.outageForms(reference: Self.outageEnd)
        #expect(decoder.value(ofBoxes: "261015", pattern: .date) == .date(CivilDate(year: 2026, month: 10, day: 15)!))
        let later = FieldDecoder.outageForms(reference: CivilDate(year: 2029, month: 1, day: 1)!)
        #expect(later.value(ofBoxes: "261015", pattern: .date) == .date(CivilDate(year: 2026, month: 10, day: 15)!))
        let tooLate = FieldDecoder.outageForms(reference: CivilDate(year: 2031, month: 1, day: 1)!)
        #expect(tooLate.value(ofBoxes: "261015", pattern: .date) == nil, "outside the outage's years")
        let nextCentury = FieldDecoder.outageForms(reference: CivilDate(year: 2126, month: 1, day: 1)!)
        #expect(
            nextCentury.value(ofBoxes: "261015", pattern: .date) == .date(CivilDate(year: 2126, month: 10, day: 15)!))
        #expect(decoder.value(ofBoxes: "26 015", pattern: .date) == nil)
    }

    @Test func checkboxesFollowTheirThresholds() {
        let option = ChoiceOption(value: "sol", label: "SoL")
        let tick = assessor.choice(
            [(option, MarkEvidence(state: .marked, confidence: 0.97, scribbled: false))],
            multiple: false)
        #expect(tick.value == .choices(["sol"]) && !tick.needsReview)
        let faint = assessor.choice(
            [(option, MarkEvidence(state: .marked, confidence: 0.7, scribbled: false))],
            multiple: false)
        #expect(faint.needsReview && faint.notes.first?.text.hasPrefix("Osäkert om kryssrutan") == true)
        let scribble = assessor.choice(
            [(option, MarkEvidence(state: .unsure, confidence: 0.6, scribbled: true))],
            multiple: false)
        #expect(scribble.value == .empty && scribble.needsReview && scribble.hasInk)
        #expect(scribble.notes.first?.text.contains("överstruken") == true)
        let other = ChoiceOption(value: "lss", label: "LSS")
        let both = assessor.choice(
            [
                (option, MarkEvidence(state: .marked, confidence: 0.97, scribbled: false)),
                (other, MarkEvidence(state: .marked, confidence: 0.97, scribbled: false)),
            ],
            multiple: false)
        #expect(both.needsReview && both.hasValidationError)
        let none = assessor.choice(
            [(option, MarkEvidence(state: .unmarked, confidence: 0.99, scribbled: false))],
            multiple: false)
        #expect(none.value == .empty && !none.needsReview && !none.hasInk)
    }

    @Test func signaturesAndTextFollowTheirThresholds() {
        #expect(!assessor.signature(SignatureEvidence(isPresent: true, confidence: 0.95)).needsReview)
        #expect(assessor.signature(SignatureEvidence(isPresent: false, confidence: 0.65)).needsReview)
        #expect(assessor.signature(SignatureEvidence(isPresent: false, confidence: 0.95)).value == .signature(false))
        #expect(assessor.text(TextEvidence(text: "bla”", confidence: 0.3, isEmpty: false)).needsReview)
        #expect(
            assessor.text(TextEvidence(text: "Anna", confidence: 0.90, isEmpty: false)).needsReview,
            "Tesseract is often sure and wrong on handwriting: 0.93 is asked for")
        #expect(!assessor.text(TextEvidence(text: "Anna", confidence: 0.95, isEmpty: false)).needsReview)
        #expect(assessor.text(TextEvidence(text: "", confidence: 0.97, isEmpty: true)).value == .empty)
        #expect(assessor.text(nil, failure: "Tesseract saknas").needsReview)
        let written = assessor.freeText(hasInk: true, ocr: "ban Alla")
        #expect(written.needsReview && written.value == .text("ban Alla"))
        #expect(assessor.freeText(hasInk: false, ocr: nil).needsReview, "an area that looks empty is shown too")
    }

    @Test func doubtedFieldsAreTypedAndUnsureHighRiskDigitsTypedBlind() {
        let policy = FieldPolicy.standard
        #expect(
            policy.confirmation(kind: .digits, pattern: .personnummer, needsReview: true, confidence: 0.99)
                == .typeBlind)
        #expect(policy.confirmation(kind: .digits, pattern: .amount, needsReview: false, confidence: 0.9) == .typeBlind)
        #expect(policy.confirmation(kind: .digits, pattern: .date, needsReview: true, confidence: 0.5) == .type)
        #expect(policy.confirmation(kind: .digits, pattern: .date, needsReview: false, confidence: 0.99) == .accept)
        #expect(policy.confirmation(kind: .digits, pattern: .number, needsReview: false, confidence: 0.99) == .accept)
        #expect(policy.confirmation(kind: .text, pattern: nil, needsReview: true, confidence: 0.2) == .type)
        #expect(policy.confirmation(kind: .text, pattern: nil, needsReview: false, confidence: 0.97) == .accept)
        #expect(policy.confirmation(kind: .choice, pattern: nil, needsReview: true, confidence: 0.6) == .type)
    }
}
