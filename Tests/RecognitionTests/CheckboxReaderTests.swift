import Raster
import Testing

@testable import Recognition

/// Synthetic checkbox crops: a 4.5 mm square with a 0.3 mm grey border, a
/// 1 mm margin, shifted by up to ±0.5 mm, with marks drawn in pen.
enum CheckboxDrawing {
    enum Mark: String, CaseIterable {
        case none, tick, cross, hatched, lightTick, lightCross, specks, solid, scribble, smallDot
    }

    static func crop(
        _ mark: Mark, dpi: Double, shift: (Double, Double) = (0, 0),
        border: UInt8 = 120, seed: UInt64 = 1
    ) -> GreyImage {
        var generator = SeededGenerator(seed: seed)
        var canvas = SyntheticCanvas(widthMM: 6.5, heightMM: 6.5, dpi: dpi)
        let x = 1 + shift.0, y = 1 + shift.1, s = 4.5
        canvas.strokeRect(x: x, y: y, width: s, height: s, line: 0.3, value: border)
        let pen: UInt8 = 40, light: UInt8 = 165
        switch mark {
        case .none: break
        case .tick:
            canvas.path([(x + 0.9, y + 2.4), (x + 1.9, y + 3.7), (x + 4.2, y + 0.4)], width: 0.45, value: pen)
        case .lightTick:
            canvas.path([(x + 0.9, y + 2.4), (x + 1.9, y + 3.7), (x + 4.2, y + 0.4)], width: 0.35, value: light)
        case .cross:
            canvas.stroke((x + 0.6, y + 0.7), (x + 3.9, y + 3.8), width: 0.45, value: pen)
            canvas.stroke((x + 3.8, y + 0.6), (x + 0.7, y + 3.9), width: 0.45, value: pen)
        case .lightCross:
            canvas.stroke((x + 0.6, y + 0.7), (x + 3.9, y + 3.8), width: 0.3, value: light)
            canvas.stroke((x + 3.8, y + 0.6), (x + 0.7, y + 3.9), width: 0.3, value: light)
        case .hatched:
            for i in stride(from: 0.5, through: 4.0, by: 0.8) {
                canvas.stroke((x + 0.4, y + i), (x + 4.1, y + i + 0.3), width: 0.4, value: pen)
            }
        case .specks:
            for _ in 0..<4 {
                let cx = x + Double.random(in: 0.8...3.7, using: &generator)
                let cy = y + Double.random(in: 0.8...3.7, using: &generator)
                canvas.stroke((cx, cy), (cx + 0.1, cy + 0.05), width: 0.25, value: 90)
            }
        case .smallDot:
            canvas.stroke((x + 2.2, y + 2.2), (x + 2.4, y + 2.3), width: 0.4, value: pen)
        case .solid:
            canvas.fill(x: x + 0.3, y: y + 0.3, width: s - 0.6, height: s - 0.6, value: pen)
        case .scribble:
            // Zigzag back and forth over the box, as when a mark is cancelled.
            var points: [(Double, Double)] = []
            for (i, level) in stride(from: 0.4, through: 4.1, by: 0.55).enumerated() {
                points.append(i % 2 == 0 ? (x + 0.4, y + level) : (x + 4.1, y + level + 0.25))
            }
            canvas.path(points, width: 0.5, value: pen)
            canvas.path(points.map { ($0.1 - y + x, $0.0 - x + y) }, width: 0.5, value: pen)
        }
        canvas.addNoise(12, using: &generator)
        return canvas.image
    }

    static let shifts: [(Double, Double)] = [
        (0, 0), (-0.5, 0), (0.5, 0), (0, -0.5), (0, 0.5), (0.5, -0.5), (-0.5, 0.5),
    ]
}

@Suite("CheckboxReader")
struct CheckboxReaderTests {
    static let expected: [CheckboxDrawing.Mark: CheckboxReading.State] = [
        .none: .unmarked, .specks: .unmarked, .smallDot: .unmarked,
        .tick: .marked, .cross: .marked, .hatched: .marked, .lightTick: .marked, .lightCross: .marked,
        .solid: .marked, .scribble: .unsure,
    ]

    @Test(arguments: [200.0, 300.0], CheckboxDrawing.Mark.allCases)
    func readsEveryMarkAtEveryShift(dpi: Double, mark: CheckboxDrawing.Mark) throws {
        let reader = CheckboxReader()
        for (index, shift) in CheckboxDrawing.shifts.enumerated() {
            let reading = reader.read(CheckboxDrawing.crop(mark, dpi: dpi, shift: shift, seed: UInt64(index)))
            #expect(reading.state == Self.expected[mark], "\(mark) at \(dpi) dpi shifted \(shift): \(reading)")
            #expect(reading.confidence >= 0.75, "\(mark) at \(dpi) dpi shifted \(shift): \(reading)")
        }
    }

    @Test func lightBorderIsStillExcluded() {
        let reader = CheckboxReader()
        for dpi in [200.0, 300.0] {
            #expect(
                reader.read(CheckboxDrawing.crop(.none, dpi: dpi, shift: (0.5, 0.5), border: 175)).state == .unmarked)
            #expect(
                reader.read(CheckboxDrawing.crop(.lightTick, dpi: dpi, shift: (-0.5, 0), border: 175)).state == .marked)
        }
    }

    @Test func noSquareIsUnsure() {
        let blank = GreyImage(width: 50, height: 50, fill: 250)
        let reading = CheckboxReader().read(blank)
        #expect(reading.state == .unsure && reading.confidence == 0)
    }

    /// Prints the measured statistics the default thresholds were chosen from.
    @Test func measurements() {
        let reader = CheckboxReader()
        for dpi in [200.0, 300.0] {
            for mark in CheckboxDrawing.Mark.allCases {
                let ms = CheckboxDrawing.shifts.compactMap {
                    reader.measure(CheckboxDrawing.crop(mark, dpi: dpi, shift: $0))
                }
                #expect(ms.count == CheckboxDrawing.shifts.count, "square not found for \(mark)")
                let stroke = ms.map(\.strokeFraction), extent = ms.map(\.strokeExtent)
                print("checkbox \(Int(dpi)) dpi \(mark): strokes \(Self.range(stroke)) extent \(Self.range(extent))")
            }
        }
    }

    static func range(_ values: [Double]) -> String {
        String(format: "%.3f–%.3f", values.min() ?? 0, values.max() ?? 0)
    }
}
