import CQREncode
import Foundation
import Imaging
import Raster
import Testing

@Suite struct PageRegistrationTests {
    static func registration(_ scan: SyntheticScan) -> PageRegistration {
        PageRegistration(
            geometry: SheetGeometry(
                markCentresMM: scan.markCentresMM, markSizeMM: scan.markSizeMM,
                qrRectMM: scan.qrRectMM))
    }

    /// Largest error in mm over a 10 mm grid of the page between the found
    /// transform and the scan's ground truth (in the returned, upright image).
    static func maxErrorMM(_ scan: SyntheticScan, _ result: RegisteredPage) -> Double {
        var worst = 0.0
        for x in stride(from: 0.0, through: scan.pageWidthMM, by: 10) {
            for y in stride(from: 0.0, through: scan.pageHeightMM, by: 10) {
                var truth = scan.pixel(forMM: PlanePoint(x: x, y: y))
                if result.wasUpsideDown {
                    truth = PlanePoint(x: Double(scan.imageWidth) - truth.x, y: Double(scan.imageHeight) - truth.y)
                }
                let found = result.transform.pixel(PlanePoint(x: x, y: y))
                worst = max(worst, found.distance(to: truth) / (scan.pixelsPerMM * scan.scale))
            }
        }
        return worst
    }

    /// Reads the QR code, registers the page and checks accuracy and orientation.
    @discardableResult
    static func check(
        _ scan: SyntheticScan, dpiKnown: Bool = true, useQR: Bool = true,
        expectUpsideDown: Bool = false
    ) throws -> RegisteredPage {
        let image = scan.render()
        let codes = useQR ? try SheetCodeReader().read(image) : []
        if useQR { #expect(codes.map(\.text) == [scan.qrText]) }
        let result = try registration(scan).register(
            image, dpi: dpiKnown ? scan.dpi : nil,
            qrCorners: codes.first?.corners ?? [])
        let error = maxErrorMM(scan, result)
        print(
            String(
                format: "dpi %.0f scale %.2f angle %+.1f° upside %d noise %d → max error %.3f mm, "
                    + "residual %.3f mm, skew %+.2f°, est. dpi %.0f, scale %.3f",
                scan.dpi, scan.scale, scan.angleDegrees, scan.upsideDown ? 1 : 0, scan.noise, error,
                result.transform.residualMM, result.transform.skewDegrees, result.transform.estimatedDPI,
                result.transform.printScale))
        #expect(error < 0.5)
        #expect(result.wasUpsideDown == expectUpsideDown)
        #expect(abs(result.transform.printScale - scan.scale) < 0.01)
        #expect(abs(result.transform.skewDegrees - scan.angleDegrees) < 0.2)
        #expect(result.transform.residualMM < 0.2)
        #expect(result.transform.marksSeen == 4)
        return result
    }

    @Test func straight300DPIPage() throws {
        let result = try Self.check(SyntheticScan())
        #expect(result.orientationEvidence == .qrCode)
    }

    @Test(arguments: [4.0, -4.0])
    func skewedPage(angle: Double) throws {
        // A 4° turn moves the sheet's corners ~12 mm: the glass is larger than the sheet.
        try Self.check(SyntheticScan(angleDegrees: angle, shiftMM: PlanePoint(x: 2, y: -3), bedMarginMM: 12))
    }

    @Test func upsideDown200DPIPageIsTurned() throws {
        let result = try Self.check(
            SyntheticScan(dpi: 200, angleDegrees: 1.5, upsideDown: true), expectUpsideDown: true)
        #expect(result.orientationEvidence == .qrCode)
        // The turned image reads upright: its QR code now sits at the top right.
        let code = try #require(try SheetCodeReader().read(result.image).first)
        let centre = result.transform.millimetres(code.center)
        #expect(centre.distance(to: SyntheticScan().qrRectMM.center) < 1)
    }

    @Test func upsideDownWithoutDecodedCodeUsesTheInk() throws {
        let result = try Self.check(SyntheticScan(upsideDown: true), useQR: false, expectUpsideDown: true)
        #expect(result.orientationEvidence == .qrInk)
    }

    @Test func scaledPrintWithAndWithoutKnownResolution() throws {
        let scan = SyntheticScan(scale: 0.95, angleDegrees: -2)
        let known = try Self.check(scan)
        #expect(known.transform.estimatedDPI == 300)
        let guessed = try Self.check(scan, dpiKnown: false)
        #expect(guessed.transform.estimatedDPI == 300)
    }

    @Test(arguments: [0.90, 1.02])
    func printScaleLimits(scale: Double) throws {
        let scan = SyntheticScan(dpi: 200, scale: scale, angleDegrees: 1, bedMarginMM: 4)
        try Self.check(scan)
        try Self.check(scan, dpiKnown: false)
    }

    @Test func skewedSheetOnABlackBacking() throws {
        // An ADF with black backing: the glass around the turned sheet is black.
        try Self.check(SyntheticScan(dpi: 200, angleDegrees: -3.5, noise: 20, bedMarginMM: 8, bedValue: 10))
    }

    @Test func noisyLandscapePage() throws {
        var scan = SyntheticScan(dpi: 200, angleDegrees: 3, noise: 60)
        scan.pageWidthMM = 297
        scan.pageHeightMM = 210
        try Self.check(scan, dpiKnown: false)
    }

    @Test func faxQuality200DPIBinarised() throws {
        var scan = SyntheticScan(dpi: 200, angleDegrees: -1.2, noise: 30)
        scan.qrLevel = QR_ECLEVEL_H  // 33 modules: 0.6 mm per module
        let image = scan.render()
        let fax = GreyImage(width: image.width, height: image.height, pixels: image.pixels.map { $0 < 128 ? 0 : 255 })
        let codes = try SheetCodeReader().read(fax)
        #expect(codes.map(\.text) == [scan.qrText])
        let result = try Self.registration(scan).register(fax, dpi: 200, qrCorners: codes.first?.corners ?? [])
        #expect(Self.maxErrorMM(scan, result) < 0.5)
    }

    @Test func blankPageReportsAllCornersMissing() throws {
        let scan = SyntheticScan(dpi: 200)
        let error = #expect(throws: RegistrationError.self) {
            try Self.registration(scan).register(GreyImage(width: scan.imageWidth, height: scan.imageHeight), dpi: 200)
        }
        #expect(
            error
                == .marksNotFound(corners: [
                    "uppe till vänster", "uppe till höger",
                    "nere till vänster", "nere till höger",
                ]))
        #expect(error?.description.hasPrefix("Hittar inte registreringsmärkena") == true)
    }

    /// Paints a square of `value` (mm centre, side) onto the scan.
    static func paint(
        _ image: inout GreyImage, _ scan: SyntheticScan, at centre: PlanePoint, sideMM: Double, value: UInt8
    ) {
        let c = scan.pixel(forMM: centre), r = Int(sideMM / 2 * scan.pixelsPerMM)
        for y in Int(c.y) - r...Int(c.y) + r where y >= 0 && y < image.height {
            for x in Int(c.x) - r...Int(c.x) + r where x >= 0 && x < image.width { image[x, y] = value }
        }
    }

    @Test func coveredCornerIsCompletedFromTheOtherThree() throws {
        let scan = SyntheticScan(dpi: 200, angleDegrees: 1.5, bedMarginMM: 5)
        var image = scan.render()
        // A sticky note hides the bottom-right mark.
        Self.paint(&image, scan, at: scan.markCentresMM[3], sideMM: 14, value: 255)
        let result = try Self.registration(scan).register(image, dpi: 200)
        #expect(result.transform.marksSeen == 3)
        #expect(Self.maxErrorMM(scan, result) < 0.5)
    }

    @Test func strokeThroughAMarkAndADecoySquare() throws {
        let scan = SyntheticScan(dpi: 300, angleDegrees: -1, bedMarginMM: 5)
        var image = scan.render()
        // A pen stroke runs through the top-left mark; a filled 6 mm box sits near the bottom left.
        let a = scan.pixel(forMM: PlanePoint(x: 2, y: 9)), b = scan.pixel(forMM: PlanePoint(x: 30, y: 11))
        for i in 0...400 {
            let t = Double(i) / 400, x = Int(a.x + (b.x - a.x) * t), y = Int(a.y + (b.y - a.y) * t)
            for dy in -3...3 { image[x, y + dy] = 20 }
        }
        Self.paint(&image, scan, at: PlanePoint(x: 28, y: 270), sideMM: 6, value: 0)
        let codes = try SheetCodeReader().read(image)
        let result = try Self.registration(scan).register(image, dpi: 300, qrCorners: codes.first?.corners ?? [])
        #expect(result.transform.marksSeen == 3)
        #expect(Self.maxErrorMM(scan, result) < 0.5)
    }

    @Test func twoCoveredCornersAreNamed() throws {
        let scan = SyntheticScan(dpi: 200)
        var image = scan.render()
        Self.paint(&image, scan, at: scan.markCentresMM[1], sideMM: 10, value: 255)
        Self.paint(&image, scan, at: scan.markCentresMM[3], sideMM: 10, value: 255)
        let error = #expect(throws: RegistrationError.self) {
            try Self.registration(scan).register(image, dpi: 200)
        }
        #expect(error == .marksNotFound(corners: ["uppe till höger", "nere till höger"]))
    }

    @Test func sidewaysScanIsRefused() throws {
        // A portrait sheet scanned as landscape (turned 90°): the marks do not fit.
        var scan = SyntheticScan(dpi: 200)
        scan.pageWidthMM = 297
        scan.pageHeightMM = 210
        let portrait = PageRegistration(
            geometry: SheetGeometry(
                markCentresMM: SyntheticScan().markCentresMM, markSizeMM: 6, qrRectMM: SyntheticScan().qrRectMM))
        let error = #expect(throws: RegistrationError.self) { try portrait.register(scan.render(), dpi: 200) }
        guard case .implausibleGeometry? = error else {
            Issue.record("got \(String(describing: error))")
            return
        }
    }
}
