import Raster

/// Resamples the rectangle `mm` of the sheet into an upright crop of
/// `pixelsPerMM` resolution, following `transform` (bilinear). Whatever the
/// page's skew, the crop is axis-aligned in sheet coordinates; outside the
/// scan it is white.
public func crop(_ page: GreyImage, rect mm: PlaneRect, transform: PageTransform, pixelsPerMM: Double) -> GreyImage {
    let width = Int((mm.width * pixelsPerMM).rounded()), height = Int((mm.height * pixelsPerMM).rounded())
    guard width > 0, height > 0, !page.isEmpty, pixelsPerMM.isFinite else {
        return GreyImage(width: 0, height: 0, pixels: [])
    }
    var out = [UInt8](repeating: 255, count: width * height)
    let h = transform.mmToPixel.h
    page.pixels.withUnsafeBufferPointer { src in
        for v in 0..<height {
            let my = mm.y + (Double(v) + 0.5) / pixelsPerMM
            for u in 0..<width {
                let mx = mm.x + (Double(u) + 0.5) / pixelsPerMM
                let w = h[6] * mx + h[7] * my + h[8]
                // Continuous pixel coordinate → sample grid (pixel centres at +0.5).
                let px = (h[0] * mx + h[1] * my + h[2]) / w - 0.5
                let py = (h[3] * mx + h[4] * my + h[5]) / w - 0.5
                out[v * width + u] = bilinear(src, page.width, page.height, px, py)
            }
        }
    }
    return GreyImage(width: width, height: height, pixels: out)
}

@inline(__always)
private func bilinear(_ src: UnsafeBufferPointer<UInt8>, _ w: Int, _ h: Int, _ x: Double, _ y: Double) -> UInt8 {
    guard x > -1, y > -1, x < Double(w), y < Double(h) else { return 255 }
    let x0 = Int(x.rounded(.down)), y0 = Int(y.rounded(.down))
    let fx = x - Double(x0), fy = y - Double(y0)
    func at(_ i: Int, _ j: Int) -> Double {
        guard i >= 0, j >= 0, i < w, j < h else { return 255 }
        return Double(src[j * w + i])
    }
    let top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx
    let bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx
    return UInt8(clamping: Int((top * (1 - fy) + bottom * fy).rounded()))
}

/// The grey value of the scan at sheet point `mm` (bilinear; white outside the scan).
public func sample(_ page: GreyImage, at mm: PlanePoint, transform: PageTransform) -> UInt8 {
    let p = transform.pixel(mm)
    return page.pixels.withUnsafeBufferPointer { bilinear($0, page.width, page.height, p.x - 0.5, p.y - 0.5) }
}
