import CLeptonica
import Leptonica
import Raster
import Testing

@testable import Imaging

@Suite struct PixTests {
    @Test func greyImageRoundTripsThroughLeptonica() throws {
        let image = ScanFiles.pattern(width: 37, height: 11)  // odd width: exercises word padding
        #expect(try Leptonica.Pix(image).greyImage() == image)
    }

    @Test func oneBitImageBecomesBlackAndWhite() throws {
        let image = ScanFiles.pattern()
        let binary = try Leptonica.Pix(image).derive("threshold") { pixThresholdToBinary($0, 128) }
        #expect(binary.depth == 1)
        let grey = try binary.greyImage()
        #expect(grey.pixels == image.pixels.map { $0 < 128 ? 0 : 255 })
    }

    @Test func colormappedAndRGBImagesBecomeGrey() throws {
        let image = ScanFiles.pattern()
        let mapped = try Leptonica.Pix(image).derive("colormap") { pixConvertGrayToColormap($0) }
        #expect(withExtendedLifetime(mapped) { pixGetColormap(mapped.pointer) != nil })
        #expect(try mapped.greyImage() == image)
        let rgb = try Leptonica.Pix(image).derive("rgb") { pixConvertTo32($0) }
        #expect(rgb.depth == 32)
        let grey = try rgb.greyImage()
        #expect(zip(grey.pixels, image.pixels).allSatisfy { abs(Int($0) - Int($1)) <= 1 })
    }

    @Test func rotationsAndScaling() throws {
        let image = ScanFiles.pattern(width: 40, height: 30)
        let pix = try Leptonica.Pix(image)
        let turned = try pix.rotated180().greyImage()
        #expect(turned.pixels == Array(image.pixels.reversed()))
        #expect(try pix.rotated180().rotated180().greyImage() == image)
        let doubled = try pix.scaled(by: 2)
        #expect(doubled.width == 80 && doubled.height == 60)
        let tilted = try pix.rotated(degrees: 3)
        #expect(tilted.width == 40 && tilted.height == 30)
        #expect(try tilted.greyImage() != image)
        #expect(throws: LeptonicaError.self) { try pix.scaled(by: 0) }
    }
}
