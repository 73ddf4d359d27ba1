import Raster

/// A coarse fingerprint of the handwriting on a sheet: the ink inside the
/// writing areas of every field (box interiors, inside outlines), so that the
/// printed form itself contributes nothing. The same sheet scanned twice gives nearly the same
/// fingerprint; a photocopied blank filled in by someone else does not.
enum InkSignature {
    /// The ink (share of dark pixels, 0–255 for 0–25.5 %) in a grid of cells over `crop`.
    static func grid(_ crop: GreyImage, columns: Int, rows: Int) -> [UInt8] {
        var cells: [UInt8] = []
        for cell in 0..<(columns * rows) {
            let cx = cell % columns, cy = cell / columns
            let x0 = crop.width * cx / columns, x1 = crop.width * (cx + 1) / columns
            let y0 = crop.height * cy / rows, y1 = crop.height * (cy + 1) / rows
            var dark = 0, total = 0
            for y in y0..<y1 {
                for x in x0..<x1 {
                    if crop[x, y] < 128 { dark += 1 }
                    total += 1
                }
            }
            cells.append(UInt8(min(255, total == 0 ? 0 : dark * 1000 / total)))
        }
        return cells
    }

    /// Whether two fingerprints come from the same handwriting (a rescan).
    static func sameHandwriting(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count, !a.isEmpty else { return false }
        var differing = 0, inked = 0
        for (x, y) in zip(a, b) {
            if x > 8 || y > 8 { inked += 1 }
            if abs(Int(x) - Int(y)) > 25 { differing += 1 }
        }
        guard inked > 0 else { return true }
        return Double(differing) / Double(inked) < 0.2
    }
}
