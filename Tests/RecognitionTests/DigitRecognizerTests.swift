import Assessment
import Foundation
import Raster
import TestSupport
import Testing

@testable import Recognition

@Suite("DigitRecognizer")
struct DigitRecognizerTests {
    @Test func swiftReproducesThePythonReference() throws {
        let recognizer = try DigitRecognizer()
        let cases = try DigitParityCase.load()
        #expect(cases.count >= 8)
        var input = [Float](repeating: 0, count: 28 * 28)
        for (index, reference) in cases.enumerated() {
            let outcome = input.withUnsafeMutableBufferPointer { buffer in
                DigitPreprocessor.prepare(
                    reference.crop, input: buffer.baseAddress ?? UnsafeMutablePointer.allocate(capacity: 0))
            }
            switch outcome {
            case .blank:
                #expect(reference.status == 0, "case \(index)")
            case .dense(let fraction):
                #expect(reference.status == 1, "case \(index)")
                #expect(abs(fraction - reference.inkFraction) < 1e-9, "case \(index)")
            case .digit(let fraction):
                #expect(reference.status == 2, "case \(index)")
                #expect(abs(fraction - reference.inkFraction) < 1e-9, "case \(index)")
                let sum = input.reduce(0.0) { $0 + Double($1) }
                let moment = input.enumerated().reduce(0.0) { $0 + Double($1.element) * Double($1.offset) }
                #expect(abs(sum - reference.inputSum) < 1e-3, "case \(index)")
                #expect(abs(moment - reference.inputMoment) < 1e-3 * max(1, reference.inputMoment), "case \(index)")
            }
            let result = recognizer.read(reference.crop)
            #expect(abs(result.blank - reference.blank) < 1e-6, "case \(index)")
            for digit in 0..<10 {
                #expect(
                    abs(result.probabilities[digit] - reference.probabilities[digit]) < 1e-4,
                    "case \(index) digit \(digit)")
            }
        }
    }

    @Test func referenceCropsWithWritingAreReadConfidently() throws {
        let recognizer = try DigitRecognizer()
        let digits = try DigitParityCase.load().filter { $0.status == 2 }
        let results = recognizer.read(digits.map(\.crop))
        for (reference, result) in zip(digits, results) {
            #expect(result.blank < 0.5)
            #expect(abs(result.probabilities.reduce(0, +) - 1) < 1e-9)
            let expected = reference.probabilities.indices.max {
                reference.probabilities[$0] < reference.probabilities[$1]
            }
            #expect(result.best.digit == expected)
        }
    }

    /// The bundled model's first network alone reads the boxes it is sure of;
    /// for the others (top probability below the header's limit) every network is asked.
    @Test func onlyBoxesTheFirstNetworkIsUnsureOfAskTheOthers() throws {
        let data = try Data(contentsOf: try #require(DigitRecognizer.bundledModelURL))
        let cascade = try DigitRecognizer(modelData: data)
        let limit = try Data.bundledEscalationLimit(), below = try #require(Double(limit))
        // A limit no box is below, written in the same bytes (the space after the colon gives one more).
        let never = "1e-" + String(repeating: "9", count: limit.count - 2)
        let firstOnly = try DigitRecognizer(
            modelData: try data.replacingModelText(
                "\"below\": \(limit)",
                with: "\"below\":\(never)"))
        let digits = try DigitParityCase.load().filter { $0.status == 2 }.map(\.crop)
        // The same digits with their right or lower part cut off: harder to read.
        let cut =
            digits.map { $0.cropped(x: 0, y: 0, width: $0.width * 3 / 5, height: $0.height) }
            + digits.map { $0.cropped(x: 0, y: 0, width: $0.width, height: $0.height / 2) }
        let crops = digits + cut
        let asked = cascade.readCounting(crops)
        let alone = firstOnly.readCounting(crops)
        #expect(alone.escalated == 0 && alone.networkReads == asked.networkReads)
        var unsure = 0
        for (index, (result, first)) in zip(asked.results, alone.results).enumerated() {
            if (first.probabilities.max() ?? 0) >= below {
                #expect(result.probabilities == first.probabilities, "crop \(index)")
            } else {
                unsure += 1
                #expect(result.probabilities != first.probabilities, "crop \(index)")
            }
            #expect(result.blank == first.blank)
        }
        #expect(asked.escalated == unsure)
        #expect(unsure > 0 && unsure < asked.networkReads)
        #expect(cascade.multiplyAddsEscalated > cascade.multiplyAddsPerBox)
    }

    @Test func degenerateCropsNeverCrash() throws {
        let recognizer = try DigitRecognizer()
        let white = recognizer.read(GreyImage(width: 40, height: 50))
        #expect(white.blank == 1)
        #expect(recognizer.read(GreyImage(width: 0, height: 0)).blank == 1)
        #expect(recognizer.read(GreyImage(width: 2, height: 3, fill: 0)).blank == 1)
        let black = recognizer.read(GreyImage(width: 40, height: 50, fill: 0))
        #expect(black.blank < 0.5)
        #expect(black.best.probability <= 0.1 + 1e-12, "an all-black box is no confident digit")
        var generator = SystemRandomNumberGenerator()
        for size in [(4, 4), (5, 200), (200, 5), (33, 41), (120, 100)] {
            let noise = GreyImage(
                width: size.0, height: size.1,
                pixels: (0..<(size.0 * size.1)).map { _ in UInt8.random(in: 0...255, using: &generator) })
            let result = recognizer.read(noise)
            #expect(result.blank >= 0 && result.blank <= 1)
            #expect(abs(result.probabilities.reduce(0, +) - 1) < 1e-9)
        }
    }

    @Test func greyBoxLinesAloneAreBlank() throws {
        let recognizer = try DigitRecognizer()
        var box = GreyImage(width: 40, height: 50)
        for x in 0..<40 {
            box[x, 0] = 165
            box[x, 1] = 170
            box[x, 49] = 165
        }
        for y in 0..<50 {
            box[0, y] = 165
            box[39, y] = 160
            box[38, y] = 175
        }
        #expect(recognizer.read(box).blank == 1)
    }

    /// A binarised scan makes the box line as black as the pen; preprocessing
    /// v3 clears long unbroken runs along the edges whatever their darkness.
    @Test func blackBoxLinesAreClearedLikeGreyOnes() throws {
        let recognizer = try DigitRecognizer()
        var frame = GreyImage(width: 40, height: 50)
        for x in 0..<40 {
            frame[x, 0] = 0
            frame[x, 1] = 0
            frame[x, 49] = 0
        }
        for y in 3..<50 {
            frame[0, y] = 0
            frame[39, y] = 10
        }
        #expect(recognizer.read(frame).blank == 1)

        // A reference digit on white with a 4 px margin; then the same with a
        // black line along the top and the right edge.
        let digit = try #require(DigitParityCase.load().first { $0.status == 2 }).crop
        var plain = GreyImage(width: digit.width + 8, height: digit.height + 8)
        for y in 0..<digit.height {
            for x in 0..<digit.width { plain[x + 4, y + 4] = digit[x, y] }
        }
        var framed = plain
        for x in 0..<framed.width {
            framed[x, 0] = 0
            framed[x, 1] = 0
        }
        for y in 0..<framed.height { framed[framed.width - 1, y] = 0 }
        let (outcomeA, a) = try prepared(framed)
        let (outcomeB, b) = try prepared(plain)
        #expect(outcomeA == outcomeB)
        #expect(a == b, "the lines leave no trace in the network input")
    }

    private func prepared(_ crop: GreyImage) throws -> (DigitPreprocessor.Outcome, [Float]) {
        var input = [Float](repeating: 0, count: 28 * 28)
        let outcome = try input.withUnsafeMutableBufferPointer { buffer in
            DigitPreprocessor.prepare(crop, input: try #require(buffer.baseAddress))
        }
        return (outcome, input)
    }

    @Test func concurrentReadsAgreeWithSerialReads() async throws {
        let recognizer = try DigitRecognizer()
        let crops = try DigitParityCase.load().map(\.crop)
        let serial = recognizer.read(crops)
        let parallel = await withTaskGroup(of: (Int, [BoxCandidates]).self) { group in
            for task in 0..<4 {
                group.addTask { (task, (0..<2).flatMap { _ in recognizer.read(crops) }) }
            }
            var all: [[BoxCandidates]] = []
            for await (_, results) in group { all.append(results) }
            return all
        }
        for results in parallel {
            for (index, result) in results.enumerated() {
                #expect(result == serial[index % crops.count])
            }
        }
    }
}
