import Assessment
import FormKit
import Raster
import Recognition

/// Checkbox crops drawn the way a scanner shows them, for measuring the
/// checkbox reader: a grey printed square with a margin, misaligned by up to
/// half a millimetre, empty (with specks and noise), marked with a tick, a
/// cross, a solid fill or a light pen, or a tick scribbled over to cancel it.
/// Deterministic for a given seed.
public struct SyntheticCheckboxes {
    public enum Mark: CaseIterable, Sendable {
        case empty, tick, cross, fill, lightTick, scribble

        /// What a reader should say: a scribbled-over (cancelled) mark is for a person to decide.
        public var expected: CheckboxReading.State {
            switch self {
            case .empty: return .unmarked
            case .tick, .cross, .fill, .lightTick: return .marked
            case .scribble: return .unsure
            }
        }
    }

    public struct Sample: Sendable {
        public var mark: Mark
        public var image: GreyImage
        public var expected: CheckboxReading.State { mark.expected }
    }

    var generator: SeededGenerator

    public init(seed: UInt64) { generator = SeededGenerator(seed: seed) }

    mutating func uniform(_ a: Double, _ b: Double) -> Double { Double.random(in: a...b, using: &generator) }

    /// One crop: a 4.5 mm square with a 0.6 mm margin at `dpi`.
    public mutating func sample(_ mark: Mark, dpi: Double) -> Sample {
        let ppmm = dpi / 25.4
        let side = 4.5 * ppmm, margin = 0.6 * ppmm
        let size = Int((side + 2 * margin).rounded())
        var image = GreyImage(width: size, height: size, fill: UInt8(uniform(225, 252)))
        let x0 = margin + uniform(-0.5, 0.5) * ppmm, y0 = margin + uniform(-0.5, 0.5) * ppmm
        let border = max(1, 0.3 * ppmm)
        let borderGrey = UInt8(uniform(70, 120))
        for y in 0..<size {
            for x in 0..<size {
                let px = Double(x) + 0.5, py = Double(y) + 0.5
                let inside = px >= x0 && px <= x0 + side && py >= y0 && py <= y0 + side
                let edge =
                    inside
                    && (px - x0 < border || x0 + side - px < border
                        || py - y0 < border || y0 + side - py < border)
                if edge { image[x, y] = borderGrey }
            }
        }
        let ink = UInt8(mark == .lightTick ? uniform(110, 170) : uniform(10, 60))
        // A ballpoint or felt pen; a cancelling scribble is drawn with a ballpoint.
        let pen = (mark == .scribble ? 0.4 : uniform(0.3, 0.6)) * ppmm
        // A straight pen stroke between two points given as fractions of the square.
        func stroke(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double) {
            let px0 = x0 + ax * side, py0 = y0 + ay * side
            let vx = (bx - ax) * side, vy = (by - ay) * side
            for y in 0..<size {
                for x in 0..<size {
                    let px = Double(x) + 0.5 - px0, py = Double(y) + 0.5 - py0
                    let t = max(0, min(1, (px * vx + py * vy) / max(1e-9, vx * vx + vy * vy)))
                    let dx = px - t * vx, dy = py - t * vy
                    if (dx * dx + dy * dy).squareRoot() < pen / 2 { image[x, y] = min(image[x, y], ink) }
                }
            }
        }
        switch mark {
        case .empty:
            if uniform(0, 1) < 0.3 {  // a speck
                let sx = Int(uniform(x0 + side * 0.3, x0 + side * 0.7))
                let sy = Int(uniform(y0 + side * 0.3, y0 + side * 0.7))
                image[min(size - 1, sx), min(size - 1, sy)] = 40
            }
        case .tick, .lightTick:
            stroke(uniform(0.1, 0.3), uniform(0.45, 0.6), uniform(0.35, 0.5), uniform(0.75, 0.95))
            stroke(uniform(0.35, 0.5), uniform(0.75, 0.95), uniform(0.75, 1.05), uniform(0.0, 0.25))
        case .cross:
            stroke(uniform(0.05, 0.2), uniform(0.05, 0.2), uniform(0.8, 0.95), uniform(0.8, 0.95))
            stroke(uniform(0.8, 0.95), uniform(0.05, 0.2), uniform(0.05, 0.2), uniform(0.8, 0.95))
        case .fill:
            // Filled in solid.
            for i in 0..<16 {
                let y = 0.06 + 0.058 * Double(i)
                stroke(0.03, y, 0.97, y)
            }
        case .scribble:
            // A tick, then zigzags across it both ways to cancel it.
            stroke(0.2, 0.5, 0.4, 0.85)
            stroke(0.4, 0.85, 0.9, 0.1)
            for i in 0..<8 {
                let a = 0.08 + 0.12 * Double(i)
                stroke(0.06, a, 0.94, a + 0.06)
                stroke(a, 0.06, a + 0.06, 0.94)
            }
        }
        // Scanner noise.
        for i in image.pixels.indices {
            let noisy = Double(image.pixels[i]) + uniform(-12, 12)
            image.pixels[i] = UInt8(max(0, min(255, noisy)))
        }
        return Sample(mark: mark, image: image)
    }
}
