import Testing

@testable import Raster

struct ResamplingTests {
    /// A box 100 × 20 with a stroke from (30, 8) to (54, 11).
    static let field: GreyImage = {
        var image = GreyImage(width: 100, height: 20)
        for y in 8...11 { for x in 30...54 { image[x, y] = 20 } }
        return image
    }()

    @Test func trimmingKeepsAllInkAndAMargin() {
        let bounds = Self.field.inkBounds()
        #expect(bounds?.x == 30 && bounds?.y == 8 && bounds?.width == 25 && bounds?.height == 4)
        let trimmed = Self.field.trimmedToInk(margin: 3)
        #expect(trimmed.width == 31 && trimmed.height == 10)
        #expect(trimmed.pixels.filter { $0 < 160 }.count == 25 * 4, "every inked pixel kept")
        // A margin beyond the edge is clipped, not padded; a blank image is kept whole.
        #expect(Self.field.trimmedToInk(margin: 50) == Self.field)
        #expect(GreyImage(width: 40, height: 10).trimmedToInk(margin: 3).width == 40)
    }

    @Test func printedRulesDoNotCountAsWriting() {
        var boxed = Self.field
        for x in 0..<100 where x % 3 != 0 { boxed[x, 17] = 60 }  // a dotted line to write on
        for y in 0..<20 {  // the box's sides, and a corner's remnant inside the edge band
            boxed[0, y] = 0
            boxed[99, y] = 0
        }
        boxed[98, 18] = 0
        let bounds = boxed.inkBounds()
        #expect(bounds?.x == 30 && bounds?.y == 8 && bounds?.width == 25 && bounds?.height == 4)
        // A stroke down to the dotted line: the bounds reach the row above it, the margin the line itself.
        for y in 12...17 { boxed[45, y] = 20 }
        #expect(boxed.inkBounds()?.height == 9)
        let trimmed = boxed.trimmedToInk(margin: 3)
        #expect(trimmed.height == 15 && trimmed.pixels.filter { $0 == 20 }.count == 25 * 4 + 6)
    }

    @Test func resamplingAveragesWhenShrinkingAndStretchingMakesInkBlack() {
        let half = Self.field.resampled(width: 50, height: 10)
        #expect(half.width == 50 && half.height == 10)
        #expect(half[20, 5] == 20 && half[5, 5] == 255)
        var faint = GreyImage(width: 4, height: 1, pixels: [200, 200, 120, 200])
        faint = faint.contrastStretched()
        #expect(faint.pixels.min() == 0 && faint.pixels.max() == 255)
    }
}
