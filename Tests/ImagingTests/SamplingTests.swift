import CQREncode
import Foundation
import Imaging
import Raster
import Testing

@Suite struct SamplingTests {
    /// A registered, skewed 200 dpi scan shared by the tests below.
    static func registered(angle: Double, upsideDown: Bool = false) throws -> (SyntheticScan, RegisteredPage) {
        let scan = SyntheticScan(dpi: 200, angleDegrees: angle, upsideDown: upsideDown, bedMarginMM: 10)
        let image = scan.render()
        let codes = try SheetCodeReader().read(image)
        let page = try PageRegistrationTests.registration(scan).register(
            image, dpi: 200,
            qrCorners: codes.first?.corners ?? [])
        return (scan, page)
    }

    @Test(arguments: [-4.0, 3.0])
    func cropOfTheQRSquareIsUprightModuleForModule(angle: Double) throws {
        let (scan, page) = try Self.registered(angle: angle, upsideDown: angle > 0)
        let qr = try #require(QRMatrix(scan.qrText, level: scan.qrLevel))
        let ppmm = 10.0
        let sample = crop(page.image, rect: scan.qrRectMM, transform: page.transform, pixelsPerMM: ppmm)
        #expect(sample.width == 200 && sample.height == 200)
        let module = scan.qrRectMM.width / Double(qr.size) * ppmm
        var wrong = 0
        for row in 0..<qr.size {
            for column in 0..<qr.size {
                let v = sample[Int((Double(column) + 0.5) * module), Int((Double(row) + 0.5) * module)]
                if (v < 128) != qr.isDark(column, row) { wrong += 1 }
            }
        }
        #expect(wrong == 0)
        // The crop decodes as the sheet code, its corners near the crop's corners.
        let code = try #require(
            try SheetCodeReader().read(
                crop(
                    page.image,
                    rect: PlaneRect(
                        x: scan.qrRectMM.x - 4,
                        y: scan.qrRectMM.y - 4, width: 28, height: 28), transform: page.transform, pixelsPerMM: ppmm)
            ).first)
        #expect(code.text == scan.qrText)
    }

    @Test func cropOutsideTheScanIsWhite() throws {
        let (_, page) = try Self.registered(angle: 2)
        let outside = crop(
            page.image, rect: PlaneRect(x: -60, y: -60, width: 20, height: 20),
            transform: page.transform, pixelsPerMM: 4)
        #expect(outside.width == 80 && outside.pixels.allSatisfy { $0 == 255 })
        #expect(
            crop(
                page.image, rect: PlaneRect(x: 0, y: 0, width: 0, height: 5),
                transform: page.transform, pixelsPerMM: 4
            ).isEmpty)
    }

    @Test func localOffsetFindsTheGreyOutlines() throws {
        let (scan, page) = try Self.registered(angle: -2.5)
        for box in scan.greyBoxesMM {
            // At the registered position the lines are where expected.
            let here = try #require(page.transform.localOffset(in: page.image, box: box))
            #expect(abs(here.dx) < 0.15 && abs(here.dy) < 0.15)
            #expect(here.lineStrength > 0.2)
            // Ask 0.6 mm right and 0.4 mm up of the truth: the correction points back.
            let moved = PlaneRect(x: box.x + 0.6, y: box.y - 0.4, width: box.width, height: box.height)
            let back = try #require(page.transform.localOffset(in: page.image, box: moved))
            print(
                String(
                    format: "box %.0f×%.0f: offset at truth (%+.3f, %+.3f), after moving (%+.3f, %+.3f) mm",
                    box.width, box.height, here.dx, here.dy, back.dx, back.dy))
            #expect(abs(back.dx + 0.6) < 0.15 && abs(back.dy - 0.4) < 0.15)
        }
        // With its comb teeth as well.
        let comb = scan.greyBoxesMM[0]
        let teeth = try #require(
            page.transform.localOffset(
                in: page.image,
                box: PlaneRect(x: comb.x - 0.5, y: comb.y + 0.3, width: comb.width, height: comb.height),
                dividersMM: scan.combTeethMM.map { $0 - 0.5 }))
        #expect(abs(teeth.dx - 0.5) < 0.15 && abs(teeth.dy + 0.3) < 0.15)
        // Plain paper has no outline.
        #expect(page.transform.localOffset(in: page.image, box: PlaneRect(x: 60, y: 250, width: 40, height: 8)) == nil)
    }
}
