import Raster

/// A coarse fingerprint of the handwriting on a sheet: the ink in a 4 × 2
/// grid over every field. The same sheet scanned twice gives nearly the same
/// fingerprint; a photocopied blank filled in by someone else does not.
enum InkSignature {
    static func make(_ crops: [GreyImage]) -> [UInt8] {
        var signature: [UInt8] = []
        signature.reserveCapacity(crops.count * 8)
        for crop in crops {
            for cell in 0..<8 {
                let cx = cell % 4, cy = cell / 4
                let x0 = crop.width * cx / 4, x1 = crop.width * (cx + 1) / 4
                let y0 = crop.height * cy / 2, y1 = crop.height * (cy + 1) / 2
                var dark = 0, total = 0
                for y in y0..<y1 {
                    for x in x0..<x1 {
                        if crop[x, y] < 128 { dark += 1 }
                        total += 1
                    }
                }
                signature.append(UInt8(min(255, total == 0 ? 0 : dark * 1000 / total)))
            }
        }
        return signature
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
