import CQREncode
import Foundation
import Raster
import Testing

@testable import Imaging

@Suite struct SheetCodeReaderTests {
    @Test func decodesTheSheetCodeOnA300DPIPage() throws {
        let scan = SyntheticScan()
        let codes = try SheetCodeReader().read(scan.render())
        #expect(codes.map(\.text) == [scan.qrText])
        let corners = try #require(codes.first?.corners)
        // Every QR corner lies within 1 mm of a printed corner of the symbol.
        for corner in corners {
            let nearest = scan.qrRectMM.corners.map { scan.pixel(forMM: $0).distance(to: corner) }.min() ?? .infinity
            #expect(nearest / scan.pixelsPerMM < 1.0)
        }
    }

    /// A soft 90 dpi scan (3×3 box blur): zbar misses the code on the whole
    /// page, the enlarged, binarised corner crop finds it – at the top right,
    /// or at the bottom left of a page lying upside down.
    @Test(arguments: [false, true])
    func softLowResolutionScanNeedsTheCornerCrop(upsideDown: Bool) throws {
        var scan = SyntheticScan(dpi: 90, angleDegrees: 2, upsideDown: upsideDown, noise: 10)
        scan.qrLevel = QR_ECLEVEL_H
        let image = Self.boxBlurred(scan.render())
        try #require(
            try SheetCodeReader.scan(image).isEmpty, "the whole-page pass must fail for this test to mean anything")
        let code = try #require(try SheetCodeReader().read(image).first)
        #expect(code.text == scan.qrText)
        let truth = scan.pixel(forMM: scan.qrRectMM.center)
        #expect(code.center.distance(to: truth) / scan.pixelsPerMM < 1)
    }

    @Test func blankPageHasNoCode() throws {
        #expect(try SheetCodeReader().read(GreyImage(width: 400, height: 600)).isEmpty)
        #expect(try SheetCodeReader().read(GreyImage(width: 0, height: 0, pixels: [])).isEmpty)
    }

    static func boxBlurred(_ image: GreyImage) -> GreyImage {
        var out = image
        for y in 1..<(image.height - 1) {
            for x in 1..<(image.width - 1) {
                var sum = 0
                for dy in -1...1 { for dx in -1...1 { sum += Int(image[x + dx, y + dy]) } }
                out[x, y] = UInt8(sum / 9)
            }
        }
        return out
    }
}
