import Foundation
import Raster
import Testing

@testable import Recognition

/// Synthetic signature areas: a 70 × 15 mm outlined rectangle with a
/// writing line, and a signature drawn as a wavy pen path.
enum SignatureDrawing {
    enum Content: String, CaseIterable {
        case empty, specks, strayDash, signature, lightSignature, initials
    }

    static func crop(_ content: Content, dpi: Double, seed: UInt64 = 1) -> GreyImage {
        var generator = SeededGenerator(seed: seed)
        var canvas = SyntheticCanvas(widthMM: 72, heightMM: 17, dpi: dpi)
        canvas.strokeRect(x: 1, y: 1, width: 70, height: 15, line: 0.3, value: 70)
        canvas.stroke((4, 12), (68, 12), width: 0.2, value: 150)  // the writing line
        switch content {
        case .empty: break
        case .specks:
            for _ in 0..<12 {
                let x = Double.random(in: 3...69, using: &generator), y = Double.random(in: 3...14, using: &generator)
                canvas.stroke((x, y), (x + 0.15, y), width: 0.3, value: 80)
            }
        case .strayDash:
            canvas.stroke((30, 8), (34, 8.5), width: 0.4, value: 40)
        case .signature, .lightSignature:
            let value: UInt8 = content == .signature ? 30 : 160
            let start = Double.random(in: 6...14, using: &generator)
            canvas.path(
                wave(from: start, length: Double.random(in: 35...50, using: &generator), using: &generator),
                width: 0.4, value: value)
        case .initials:
            canvas.path(wave(from: 10, length: 8, using: &generator), width: 0.4, value: 30)
        }
        canvas.addNoise(10, using: &generator)
        return canvas.image
    }

    /// Loops of varying height along a baseline, like cursive writing.
    static func wave(from start: Double, length: Double, using generator: inout SeededGenerator) -> [(Double, Double)] {
        var points: [(Double, Double)] = []
        var x = start
        var phase = 0.0
        let amplitude = Double.random(in: 2.5...4, using: &generator)
        while x < start + length {
            points.append((x + 0.8 * sin(phase * 2), 9 - amplitude * sin(phase) * (0.6 + 0.4 * cos(phase / 3))))
            phase += 0.35
            x += 0.25
        }
        return points
    }
}

@Suite("SignatureDetector")
struct SignatureDetectorTests {
    @Test(arguments: [200.0, 300.0], SignatureDrawing.Content.allCases)
    func detectsSignaturesAndIgnoresLinesAndSpecks(dpi: Double, content: SignatureDrawing.Content) {
        let detector = SignatureDetector()
        for seed in 1...4 {
            let crop = SignatureDrawing.crop(content, dpi: dpi, seed: UInt64(seed))
            let reading = detector.read(crop)
            let m = reading.measurement
            print(
                String(
                    format: "signature %d dpi %@: ink %.4f span %.2f strokes %d → %@ %.2f",
                    Int(dpi), content.rawValue, m.strokeInk, m.span, m.strokes,
                    reading.isPresent ? "present" : "absent", reading.confidence))
            let expected = ![.empty, .specks, .strayDash].contains(content)
            #expect(reading.isPresent == expected, "\(content) \(dpi) dpi seed \(seed): \(m)")
            #expect(reading.confidence >= (content == .strayDash ? 0.6 : 0.75))
        }
    }
}
