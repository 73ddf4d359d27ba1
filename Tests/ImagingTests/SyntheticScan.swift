import CQREncode
import Foundation
import Imaging
import Raster

/// A simulated scan of a printed sheet: the page's content in mm is printed
/// at `scale`, laid on the scanner glass rotated by `angleDegrees` (and turned
/// upside down if asked), shifted, and sampled at `dpi` with 3×3 supersampling.
/// `pixel(forMM:)` is the exact ground truth the registration must recover.
struct SyntheticScan {
    var pageWidthMM = 210.0
    var pageHeightMM = 297.0
    var dpi = 300.0
    var scale = 1.0
    var angleDegrees = 0.0
    var upsideDown = false
    var shiftMM = PlanePoint(x: 0, y: 0)
    var noise = 0
    /// Extra scanner glass around the sheet on every side.
    var bedMarginMM = 0.0
    /// What the scanner sees where there is no paper (255: white lid, 0: black ADF backing).
    var bedValue: UInt8 = 255
    var qrText = "AVB1:bilaga-3:1:K7M2QX:0004"
    var qrLevel = QR_ECLEVEL_M
    var qrRectMM: PlaneRect { PlaneRect(x: pageWidthMM - 38, y: 14, width: 20, height: 20) }
    /// Grey outlined boxes (a comb row, a checkbox) to test local refinement.
    var greyBoxesMM: [PlaneRect] = [
        PlaneRect(x: 30, y: 120, width: 60, height: 8),
        PlaneRect(x: 150, y: 200, width: 5, height: 5),
    ]
    /// Comb teeth (sheet x positions) drawn inside the first grey box.
    var combTeethMM: [Double] = stride(from: 36.0, to: 90, by: 6).map { $0 }
    var greyLineMM = 0.3
    var greyValue: UInt8 = 140

    var markCentresMM: [PlanePoint] {
        [
            PlanePoint(x: 10, y: 10), PlanePoint(x: pageWidthMM - 10, y: 10),
            PlanePoint(x: 10, y: pageHeightMM - 10), PlanePoint(x: pageWidthMM - 10, y: pageHeightMM - 10),
        ]
    }
    let markSizeMM = 6.0
    var pixelsPerMM: Double { dpi / 25.4 }
    var imageWidth: Int { Int(((pageWidthMM + 2 * bedMarginMM) * pixelsPerMM).rounded()) }
    var imageHeight: Int { Int(((pageHeightMM + 2 * bedMarginMM) * pixelsPerMM).rounded()) }

    private var theta: Double { (angleDegrees + (upsideDown ? 180 : 0)) * .pi / 180 }

    /// Ground truth: sheet mm → image pixel (continuous, pixel centres at +0.5).
    func pixel(forMM p: PlanePoint) -> PlanePoint {
        let dx = (p.x - pageWidthMM / 2) * scale, dy = (p.y - pageHeightMM / 2) * scale
        let rx = dx * cos(theta) - dy * sin(theta), ry = dx * sin(theta) + dy * cos(theta)
        return PlanePoint(
            x: (bedMarginMM + pageWidthMM / 2 + rx + shiftMM.x) * pixelsPerMM,
            y: (bedMarginMM + pageHeightMM / 2 + ry + shiftMM.y) * pixelsPerMM)
    }

    func mm(forPixel q: PlanePoint) -> PlanePoint {
        let bx = q.x / pixelsPerMM - bedMarginMM - pageWidthMM / 2 - shiftMM.x
        let by = q.y / pixelsPerMM - bedMarginMM - pageHeightMM / 2 - shiftMM.y
        let dx = bx * cos(theta) + by * sin(theta), dy = -bx * sin(theta) + by * cos(theta)
        return PlanePoint(x: dx / scale + pageWidthMM / 2, y: dy / scale + pageHeightMM / 2)
    }

    func render() -> GreyImage {
        var image = GreyImage(width: imageWidth, height: imageHeight)
        if bedValue != 255 {
            for y in 0..<imageHeight {
                for x in 0..<imageWidth {
                    let p = mm(forPixel: PlanePoint(x: Double(x) + 0.5, y: Double(y) + 0.5))
                    if p.x < 0 || p.y < 0 || p.x > pageWidthMM || p.y > pageHeightMM { image[x, y] = bedValue }
                }
            }
        }
        for c in markCentresMM {
            let h = markSizeMM / 2
            paint(&image, PlaneRect(x: c.x - h, y: c.y - h, width: markSizeMM, height: markSizeMM)) { _ in 0 }
        }
        if let qr = QRMatrix(qrText, level: qrLevel) {
            let r = qrRectMM, module = r.width / Double(qr.size)
            paint(&image, r) { p in
                qr.isDark(Int((p.x - r.x) / module), Int((p.y - r.y) / module)) ? 0 : nil
            }
        }
        for box in greyBoxesMM { outline(&image, box) }
        if let comb = greyBoxesMM.first {
            for x in combTeethMM {
                let tooth = PlaneRect(x: x - greyLineMM / 2, y: comb.y, width: greyLineMM, height: comb.height)
                paint(&image, tooth) { _ in greyValue }
            }
        }
        // Some black print near the corners that must not be taken for marks.
        paint(&image, PlaneRect(x: 20, y: 14, width: 90, height: 4)) { _ in 30 }  // title bar
        paint(&image, PlaneRect(x: 20, y: pageHeightMM - 14, width: 3, height: 3)) { _ in 0 }  // small square
        paint(&image, PlaneRect(x: pageWidthMM - 40, y: pageHeightMM - 16, width: 25, height: 2)) { _ in 0 }
        if noise > 0 { addNoise(&image) }
        return image
    }

    private func outline(_ image: inout GreyImage, _ r: PlaneRect) {
        let t = greyLineMM, v = greyValue
        for edge in [
            PlaneRect(x: r.x - t / 2, y: r.y - t / 2, width: r.width + t, height: t),
            PlaneRect(x: r.x - t / 2, y: r.y + r.height - t / 2, width: r.width + t, height: t),
            PlaneRect(x: r.x - t / 2, y: r.y - t / 2, width: t, height: r.height + t),
            PlaneRect(x: r.x + r.width - t / 2, y: r.y - t / 2, width: t, height: r.height + t),
        ] {
            paint(&image, edge) { _ in v }
        }
    }

    /// Paints the pixels whose samples fall inside `rect` (mm) with the ink
    /// `ink(p)` returns (nil: paper), averaging 3×3 samples per pixel.
    private func paint(_ image: inout GreyImage, _ rect: PlaneRect, ink: (PlanePoint) -> UInt8?) {
        let corners = rect.corners.map(pixel(forMM:))
        let x0 = max(0, Int(corners.map(\.x).min()!) - 1), x1 = min(image.width - 1, Int(corners.map(\.x).max()!) + 1)
        let y0 = max(0, Int(corners.map(\.y).min()!) - 1), y1 = min(image.height - 1, Int(corners.map(\.y).max()!) + 1)
        guard x0 <= x1, y0 <= y1 else { return }
        for y in y0...y1 {
            for x in x0...x1 {
                var sum = 0, hits = 0
                for sy in 0..<3 {
                    for sx in 0..<3 {
                        let p = mm(
                            forPixel: PlanePoint(
                                x: Double(x) + (Double(sx) + 0.5) / 3,
                                y: Double(y) + (Double(sy) + 0.5) / 3))
                        guard p.x >= rect.x, p.y >= rect.y, p.x < rect.x + rect.width, p.y < rect.y + rect.height,
                            let v = ink(p)
                        else {
                            sum += 255
                            continue
                        }
                        sum += Int(v)
                        hits += 1
                    }
                }
                if hits > 0 { image[x, y] = min(image[x, y], UInt8(sum / 9)) }
            }
        }
    }

    /// Uniform grey noise of ±`noise` and sparse black specks, deterministic.
    private func addNoise(_ image: inout GreyImage) {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        image.pixels.withUnsafeMutableBufferPointer { px in
            for i in 0..<px.count {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let r = Int(state >> 33)
                if r % 4000 == 0 {
                    px[i] = 0
                    continue
                }
                let delta = r % (2 * noise + 1) - noise
                px[i] = UInt8(clamping: Int(px[i]) + delta)
            }
        }
    }
}
