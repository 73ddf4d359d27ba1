import FormKit
import Raster
import Testing

@testable import Recognition

/// Synthetic comb fields drawn as the layout prints them: 5.5 × 7 mm boxes,
/// 0.25 mm grey borders, groups separated by 1.6 mm (or 3.2 mm around a
/// printed separator), a margin around, handwriting in the boxes.
enum CombDrawing {
    struct Comb {
        var image: GreyImage
        /// The printed boxes' inner rectangles in pixels (borders excluded).
        var boxes: [PixelRect]
    }

    static func draw(
        _ pattern: DigitPattern, boxes count: Int, dpi: Double, border: UInt8 = 166,
        margin: Double = 1.5, writing: Writing = .digits, seed: UInt64 = 1
    ) -> Comb {
        let (groups, separator) = pattern.groups(boxes: count)
        let gap = separator.isEmpty ? 1.6 : 3.2
        let width = Double(count) * 5.5 + Double(groups.count - 1) * gap + 2 * margin
        var canvas = SyntheticCanvas(widthMM: width, heightMM: 7 + 2 * margin, dpi: dpi)
        var generator = SeededGenerator(seed: seed)
        var x = margin
        var lefts: [Double] = []
        for (index, size) in groups.enumerated() {
            if index > 0 {
                if separator == "–" {
                    canvas.stroke((x + 0.9, margin + 3.5), (x + 2.3, margin + 3.5), width: 0.3, value: 90)
                }
                x += gap
            }
            for _ in 0..<size {
                canvas.strokeRect(x: x, y: margin, width: 5.5, height: 7, line: 0.25, value: border)
                lefts.append(x)
                x += 5.5
            }
        }
        for left in lefts { writing.draw(on: &canvas, boxLeft: left, top: margin, using: &generator) }
        canvas.addNoise(10, using: &generator)
        let boxes = lefts.map { left in
            PixelRect(
                x: Int(canvas.px(left + 0.125).rounded()), y: Int(canvas.px(margin + 0.125).rounded()),
                width: Int(canvas.px(5.25).rounded()), height: Int(canvas.px(6.75).rounded()))
        }
        return Comb(image: canvas.image, boxes: boxes)
    }

    enum Writing {
        case none
        /// Loops and strokes like handwritten digits, some crossing the borders.
        case digits
        /// A tall "1" in every box, nearly as high as the box.
        case ones

        func draw(
            on canvas: inout SyntheticCanvas, boxLeft x: Double, top y: Double,
            using generator: inout SeededGenerator
        ) {
            switch self {
            case .none: return
            case .ones:
                canvas.stroke((x + 2.9, y + 0.5), (x + 2.7, y + 6.6), width: 0.5, value: 30)
            case .digits:
                let overshoot = Double.random(in: -0.3...0.9, using: &generator)
                canvas.path(
                    [
                        (x + 1.2, y + 1.5), (x + 4.3, y + 1.0), (x + 2.4, y + 3.8),
                        (x + 4.6 + overshoot, y + 5.6), (x + 1.0, y + 6.4 + overshoot),
                    ],
                    width: 0.45, value: 35)
            }
        }
    }
}

@Suite("CombSegmenter")
struct CombSegmenterTests {
    static let fields: [(DigitPattern, Int)] = [
        (.personnummer, 10), (.personnummer, 12), (.date, 6),
        (.date, 8), (.time, 4), (.amount, 6),
    ]

    @Test(arguments: [200.0, 300.0], [CombDrawing.Writing.none, .digits, .ones])
    func findsTheBoxesOfEveryField(dpi: Double, writing: CombDrawing.Writing) throws {
        for (pattern, count) in Self.fields {
            let comb = CombDrawing.draw(pattern, boxes: count, dpi: dpi, writing: writing)
            let found = try CombSegmenter().boxes(in: comb.image, boxCount: count)
            #expect(found.count == count)
            for (box, truth) in zip(found, comb.boxes) {
                // Within a pixel or two of the printed inside, never including the border.
                #expect(
                    abs(box.x - truth.x) <= 2 && abs(box.maxX - truth.maxX) <= 2,
                    "\(pattern) \(count) \(box) vs \(truth)")
                #expect(
                    abs(box.y - truth.y) <= 2 && abs(box.maxY - truth.maxY) <= 2,
                    "\(pattern) \(count) \(box) vs \(truth)")
            }
        }
    }

    @Test func darkBordersAndWideMargins() throws {
        let comb = CombDrawing.draw(.personnummer, boxes: 10, dpi: 300, border: 60, margin: 3)
        #expect(try CombSegmenter().boxes(in: comb.image, boxCount: 10).count == 10)
    }

    @Test func wrongBoxCountFailsInSwedish() {
        let comb = CombDrawing.draw(.date, boxes: 6, dpi: 200)
        #expect(throws: CombSegmentationError.wrongBoxCount(found: 6, expected: 8)) {
            try CombSegmenter().boxes(in: comb.image, boxCount: 8)
        }
        #expect(
            CombSegmentationError.wrongBoxCount(found: 6, expected: 8).description
                == "Hittade 6 rutor men fältet ska ha 8.")
    }

    @Test func blankPaperHasNoBoxes() {
        #expect(throws: CombSegmentationError.noBoxes(expected: 4)) {
            try CombSegmenter().boxes(in: GreyImage(width: 200, height: 60, fill: 250), boxCount: 4)
        }
    }
}
