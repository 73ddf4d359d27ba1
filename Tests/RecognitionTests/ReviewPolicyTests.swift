import Foundation
import FormKit
import Raster
import Testing
@testable import Recognition

@Suite("ReviewPolicy")
struct ReviewPolicyTests {
    let decoder = FieldDecoder(context: DecodingContext(reference: CivilDate(year: 2026, month: 11, day: 27)!))

    /// A classifier that puts the true digit on top with probability 1 − `errorRate`
    /// (confidence 0.6–0.99), else a wrong digit on top with the true one second.
    static func simulatedBox(_ digit: Int, errorRate: Double, using generator: inout SeededGenerator) -> BoxCandidates {
        if Double.random(in: 0..<1, using: &generator) >= errorRate {
            return Boxes.weighted([digit: Double.random(in: 0.6...0.99, using: &generator)], blank: 0.01)
        }
        let wrong = (digit + Int.random(in: 1...9, using: &generator)) % 10
        let top = Double.random(in: 0.4...0.8, using: &generator)
        return Boxes.weighted([wrong: top, digit: (1 - top) * Double.random(in: 0.3...0.9, using: &generator)], blank: 0.01)
    }

    struct Outcome {
        var accepted = 0, acceptedWrong = 0, reviewed = 0, reviewedCorrect = 0
        var wrongRate: Double { Double(acceptedWrong) / Double(max(1, accepted)) }
    }

    /// Simulated 10-digit personnummer fields decoded and judged by `policy`.
    func simulate(_ policy: ReviewPolicy, errorRate: Double, fields: Int = 400) -> Outcome {
        var generator = SeededGenerator(seed: 42)
        var outcome = Outcome()
        for _ in 0..<fields {
            let date = String(format: "%02d%02d%02d", Int.random(in: 40...99, using: &generator),
                              Int.random(in: 1...12, using: &generator), Int.random(in: 1...28, using: &generator))
            let truth = Boxes.withCheckDigit(date + String(format: "%03d", Int.random(in: 0...999, using: &generator)))
            let boxes = truth.map { Self.simulatedBox($0.wholeNumberValue!, errorRate: errorRate, using: &generator) }
            let reading = decoder.decode(boxes, pattern: .personnummer)
            let correct = reading.best?.boxes == truth
            if policy.decision(for: reading, boxes: 10).review {
                outcome.reviewed += 1
                if correct { outcome.reviewedCorrect += 1 }
            } else {
                outcome.accepted += 1
                if !correct { outcome.acceptedWrong += 1 }
            }
        }
        return outcome
    }

    /// The measurement the default digit thresholds were chosen from.
    @Test func digitThresholdsKeepAcceptedReadingsCorrect() {
        for errorRate in [0.05, 0.1] {
            for threshold in [0.8, 0.9, 0.95, 0.98] {
                let o = simulate(ReviewPolicy(minimumDigitProbability: threshold), errorRate: errorRate)
                print(String(format: "policy: box error %.2f, threshold %.2f: accepted %d (wrong %d, %.1f %%), reviewed %d (of them correct %d)",
                             errorRate, threshold, o.accepted, o.acceptedWrong, o.wrongRate * 100, o.reviewed, o.reviewedCorrect))
            }
        }
        let fivePercent = simulate(.standard, errorRate: 0.05), tenPercent = simulate(.standard, errorRate: 0.1)
        #expect(fivePercent.wrongRate <= 0.005 && tenPercent.wrongRate <= 0.01)
        #expect(fivePercent.accepted >= 240 && tenPercent.accepted >= 180)
    }

    @Test func invalidAndEmptyDigitFields() {
        let policy = ReviewPolicy.standard
        let invalid = decoder.decode(Boxes.reading("811218    "), pattern: .personnummer)
        #expect(policy.decision(for: invalid, boxes: 10) == .review("Fältet är bara delvis ifyllt: 4 av 10 rutor är tomma."))
        let empty = decoder.decode(Array(repeating: .empty, count: 4), pattern: .time)
        #expect(policy.decision(for: empty, boxes: 4) == .accept)
        #expect(policy.decision(for: empty, boxes: 4, required: true).review)
        let clean = decoder.decode(Boxes.reading("0930", confidence: 0.97), pattern: .time)
        #expect(policy.decision(for: clean, boxes: 4) == .accept)
    }

    @Test func marksAndTextFollowTheirThresholds() {
        let policy = ReviewPolicy.standard
        let reader = CheckboxReader()
        #expect(!policy.decision(for: reader.read(CheckboxDrawing.crop(.tick, dpi: 200))).review)
        #expect(policy.decision(for: reader.read(CheckboxDrawing.crop(.scribble, dpi: 200))).review)
        let detector = SignatureDetector()
        #expect(!policy.decision(for: detector.read(SignatureDrawing.crop(.signature, dpi: 200))).review)
        #expect(policy.decision(for: detector.read(SignatureDrawing.crop(.strayDash, dpi: 200))).review)
        #expect(policy.decision(for: detector.read(SignatureDrawing.crop(.empty, dpi: 200)), required: true)
                == .review("Underskrift saknas."))
        #expect(policy.decision(for: TextReading(text: "bla”", confidence: 0.3, isEmpty: false)).review)
        #expect(!policy.decision(for: TextReading(text: "Anna", confidence: 0.95, isEmpty: false)).review)
    }
}
