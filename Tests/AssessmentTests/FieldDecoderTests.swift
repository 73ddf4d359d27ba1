import FormKit
import Foundation
import Raster
import TestSupport
import Testing

@testable import Assessment

@Suite("FieldDecoder")
struct FieldDecoderTests {
    let reference = CivilDate(year: 2026, month: 11, day: 27)!
    var decoder: FieldDecoder { FieldDecoder(context: DecodingContext(reference: reference)) }

    @Test func cleanPersonnummerIsNormalisedWithCentury() {
        let reading = decoder.decode(Boxes.reading("8112189876"), pattern: .personnummer)
        #expect(reading.value == "19811218-9876")
        #expect(reading.probability > 0.99)
        #expect(!reading.isEmpty && reading.failure == nil)
    }

    @Test func twelveBoxPersonnummer() {
        let reading = decoder.decode(Boxes.reading("198112189876"), pattern: .personnummer)
        #expect(reading.value == "19811218-9876")
    }

    @Test func checkDigitOverridesAMisreadDigit() {
        var boxes = Boxes.reading("8112189876")
        boxes[7] = Boxes.weighted([3: 0.6, 8: 0.3])  // the 8 looks more like a 3
        let reading = decoder.decode(boxes, pattern: .personnummer)
        #expect(reading.value == "19811218-9876")
        #expect(reading.best?.boxes == "8112189876")
        // The joint probability is the product of the chosen digits' probabilities.
        let expected = 0.3 * 0.99 * pow(0.9 * 0.99, 9)
        #expect(abs(reading.jointProbability - expected) < 1e-12)
        #expect(reading.runnerUp != nil)
        #expect(reading.probability > reading.runnerUp!.probability)
    }

    @Test func centuryMakesThePersonYoungerThanAHundred() {
        let born2001 = Boxes.withCheckDigit("010101123")
        #expect(
            decoder.decode(Boxes.reading(born2001), pattern: .personnummer).value == "20010101-" + born2001.suffix(4))
        // 2026-12-15 is after the reference day, so the person was born in 1926.
        let born1926 = Boxes.withCheckDigit("261215123")
        #expect(
            decoder.decode(Boxes.reading(born1926), pattern: .personnummer).value == "19261215-" + born1926.suffix(4))
    }

    @Test func samordningsnummerKeepsDayPlusSixty() {
        let number = Boxes.withCheckDigit("701063239")
        let reading = decoder.decode(Boxes.reading(number), pattern: .personnummer)
        #expect(reading.value == "19701063-" + number.suffix(4))
    }

    @Test func noCheckDigitMatchGivesSwedishReason() {
        // Every box certain, the check digit wrong: no reading can be valid.
        let wrong = "811218987" + "5"
        let boxes = wrong.map { character -> BoxCandidates in
            var p = Array(repeating: 0.0, count: 10)
            p[character.wholeNumberValue!] = 1
            return BoxCandidates(probabilities: p, blank: 0)
        }
        let reading = decoder.decode(boxes, pattern: .personnummer)
        #expect(reading.value == nil)
        #expect(reading.failure?.kind == .checkDigit)
        #expect(reading.reason == "Kontrollsiffran stämmer inte för någon trolig läsning.")
    }

    @Test func partlyFilledPersonnummerIsInvalid() {
        let reading = decoder.decode(Boxes.reading("811218    "), pattern: .personnummer)
        #expect(reading.value == nil && !reading.isEmpty)
        #expect(reading.reason == "Fältet är bara delvis ifyllt: 4 av 10 rutor är tomma.")
    }

    @Test func allBlankIsEmpty() {
        let reading = decoder.decode(Array(repeating: BoxCandidates.empty, count: 6), pattern: .date)
        #expect(reading.isEmpty && reading.value == nil && reading.failure == nil)
    }

    @Test func dateChoosesARealCalendarDate() {
        #expect(decoder.decode(Boxes.reading("261127"), pattern: .date).value == "2026-11-27")
        #expect(decoder.decode(Boxes.reading("20261127"), pattern: .date).value == "2026-11-27")
        #expect(decoder.decode(Boxes.reading("450512"), pattern: .date).value == "1945-05-12")
        var boxes = Boxes.reading("260220")
        boxes[4] = Boxes.weighted([3: 0.6, 2: 0.35])  // 30 February is no date
        #expect(decoder.decode(boxes, pattern: .date).value == "2026-02-20")
    }

    @Test func dateOutsideTheRangeIsInvalid() {
        let narrow = FieldDecoder(context: DecodingContext(reference: reference, dateYears: 2020...2030))
        let reading = narrow.decode(Boxes.reading("19450512"), pattern: .date)
        #expect(reading.value == nil)
        #expect(reading.failure?.kind == .range)
    }

    @Test func timeIsAValidClockTime() {
        #expect(decoder.decode(Boxes.reading("0930"), pattern: .time).value == "09:30")
        var boxes = Boxes.reading("1530")
        boxes[0] = Boxes.weighted([2: 0.5, 1: 0.4])  // 25:30 is no time
        boxes[1] = Boxes.sure(5)
        #expect(decoder.decode(boxes, pattern: .time).value == "15:30")
    }

    @Test func amountIsRightAlignedWithoutLeadingZeros() {
        #expect(decoder.decode(Boxes.reading("  1250"), pattern: .amount).value == "1250")
        #expect(decoder.decode(Boxes.reading("  0500"), pattern: .amount).value == "500")
        #expect(
            decoder.decode(Boxes.reading(" 12 50"), pattern: .amount).reason
                == "Beloppet har tomma rutor mellan siffrorna.")
        #expect(
            decoder.decode(Boxes.reading("1250  "), pattern: .amount).reason
                == "Beloppet ska skrivas längst till höger, närmast \"kr\".")
    }

    @Test func numberMayBeAlignedEitherWayButHasNoGaps() {
        #expect(decoder.decode(Boxes.reading("042   "), pattern: .number).value == "042")
        #expect(decoder.decode(Boxes.reading("   042"), pattern: .number).value == "042")
        #expect(decoder.decode(Boxes.reading("04 2  "), pattern: .number).value == nil)
    }

    @Test func wrongBoxCountIsInvalid() {
        #expect(decoder.decode(Boxes.reading("12345"), pattern: .time).failure?.kind == .format)
    }

    /// The decoder's choice equals the brute-force best over every valid time.
    @Test(arguments: 0..<20)
    func timeMatchesExhaustiveSearch(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed))
        let boxes = (0..<4).map { _ in Self.randomBox(&generator) }
        let exhaustive = FieldDecoder(context: DecodingContext(reference: reference), digitsPerBox: 10)
        let reading = exhaustive.decode(boxes, pattern: .time)
        var best = (value: "", p: -1.0)
        for n in 0..<10_000 {
            let digits = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10]
            guard digits[0] * 10 + digits[1] < 24, digits[2] * 10 + digits[3] < 60 else { continue }
            let p = zip(boxes, digits).reduce(1.0) { $0 * (1 - $1.0.blank) * $1.0.probabilities[$1.1] }
            if p > best.p { best = ("\(digits[0])\(digits[1]):\(digits[2])\(digits[3])", p) }
        }
        #expect(reading.value == best.value)
        #expect(abs(reading.jointProbability - best.p) < 1e-12)
    }

    /// With three digits per box, the decoder's choice equals brute force over
    /// all 3^10 readings checked by the typed-value validator.
    @Test(arguments: 0..<5)
    func personnummerMatchesExhaustiveSearch(seed: Int) throws {
        var generator = SeededGenerator(seed: UInt64(seed) + 100)
        let truth = Boxes.withCheckDigit(
            String(
                format: "%02d%02d%02d%03d", Int.random(in: 40...99, using: &generator),
                Int.random(in: 1...12, using: &generator),
                Int.random(in: 1...28, using: &generator),
                Int.random(in: 0...999, using: &generator)))
        let boxes = truth.map { character -> BoxCandidates in
            var weights = [character.wholeNumberValue!: Double.random(in: 0.3...0.9, using: &generator)]
            let other = (Int.random(in: 1...9, using: &generator) + character.wholeNumberValue!) % 10
            weights[other] = (1 - weights.values.first!) * 0.8
            return Boxes.weighted(weights, blank: 0.02)
        }
        let decoder = FieldDecoder(context: DecodingContext(reference: reference), digitsPerBox: 3)
        let reading = decoder.decode(boxes, pattern: .personnummer)
        let top = boxes.map { $0.top(3) }
        var best = (value: "", p: -1.0)
        for n in 0..<59_049 {
            var code = n, text = "", p = 1.0
            for box in top {
                let choice = box[code % 3]
                code /= 3
                text += String(choice.digit)
                p *= choice.probability * 0.98
            }
            guard p > best.p,
                case .success(let value) = PatternValidator.validate(
                    text, pattern: .personnummer, context: DecodingContext(reference: reference))
            else { continue }
            best = (value, p)
        }
        #expect(reading.value == best.value)
        #expect(abs(reading.jointProbability - best.p) < 1e-12)
    }

    static func randomBox(_ generator: inout SeededGenerator) -> BoxCandidates {
        var raw = (0..<10).map { _ in pow(Double.random(in: 0...1, using: &generator), 4) }
        let total = raw.reduce(0, +)
        raw = raw.map { $0 / total }
        return BoxCandidates(probabilities: raw, blank: Double.random(in: 0...0.3, using: &generator))
    }
}
