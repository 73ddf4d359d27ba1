import Foundation
import Raster

/// The mapping between sheet millimetres and the pixels of a registered
/// (upright) page image, with what the registration learnt on the way.
public struct PageTransform: Sendable {
    /// Sheet mm → image pixels (continuous; pixel (i, j) covers [i, i+1) × [j, j+1)).
    public let mmToPixel: Homography
    /// Image pixels → sheet mm.
    public let pixelToMM: Homography
    /// Pixels per printed millimetre (mean over the page).
    public let pixelsPerMM: Double
    /// Scanner resolution: from the file, else the common resolution the
    /// mark spacing fits best, else the effective resolution.
    public let estimatedDPI: Double
    /// Print scale (printed size / nominal size), 1 when it cannot be separated from the dpi.
    public let printScale: Double
    /// Page rotation in degrees, clockwise positive (0 for a perfectly straight scan).
    public let skewDegrees: Double
    /// RMS distance (mm) between the mark centres and the best affine fit
    /// through them: near 0 for a flat, correctly registered page.
    public let residualMM: Double
    /// Registration marks actually seen: 4, or 3 when one was covered and
    /// completed from the others (then `residualMM` cannot tell anything).
    public let marksSeen: Int

    public func pixel(_ mm: PlanePoint) -> PlanePoint { mmToPixel.apply(mm) }
    public func millimetres(_ pixel: PlanePoint) -> PlanePoint { pixelToMM.apply(pixel) }

    /// Builds the transform from mark centres in mm and where they were found.
    init?(marksMM: [PlanePoint], marksPixel: [PlanePoint], marksSeen: Int, dpiFromFile: Double?) {
        guard let forward = Homography.fit(from: marksMM, to: marksPixel),
            let inverse = forward.inverted()
        else { return nil }
        mmToPixel = forward
        self.marksSeen = marksSeen
        pixelToMM = inverse
        let pairs = [(0, 1), (2, 3), (0, 2), (1, 3)]
        let ratios = pairs.map { a, b in marksPixel[a].distance(to: marksPixel[b]) / marksMM[a].distance(to: marksMM[b])
        }
        pixelsPerMM = ratios.reduce(0, +) / Double(ratios.count)
        let effectiveDPI = pixelsPerMM * 25.4
        if let dpiFromFile {
            estimatedDPI = dpiFromFile
            printScale = effectiveDPI / dpiFromFile
        } else if let common = Self.commonDPIs.first(where: { (0.88...1.025).contains(effectiveDPI / $0) }) {
            estimatedDPI = common
            printScale = effectiveDPI / common
        } else {
            estimatedDPI = effectiveDPI
            printScale = 1
        }
        let top = (marksPixel[1].x - marksPixel[0].x, marksPixel[1].y - marksPixel[0].y)
        let topMM = (marksMM[1].x - marksMM[0].x, marksMM[1].y - marksMM[0].y)
        skewDegrees = (atan2(top.1, top.0) - atan2(topMM.1, topMM.0)) * 180 / .pi
        residualMM = Self.affineResidual(marksMM, marksPixel) / pixelsPerMM
    }

    static let commonDPIs: [Double] = [100, 150, 200, 240, 300, 400, 600, 1200]

    /// RMS residual in pixels of the least-squares affine map from `a` to `b`.
    static func affineResidual(_ a: [PlanePoint], _ b: [PlanePoint]) -> Double {
        var ata = [Double](repeating: 0, count: 9), atx = [0.0, 0, 0], aty = [0.0, 0, 0]
        for (p, q) in zip(a, b) {
            let row = [p.x, p.y, 1]
            for i in 0..<3 {
                atx[i] += row[i] * q.x
                aty[i] += row[i] * q.y
                for j in 0..<3 { ata[i * 3 + j] += row[i] * row[j] }
            }
        }
        guard let cx = Homography.solve(ata, atx, n: 3), let cy = Homography.solve(ata, aty, n: 3) else {
            return .infinity
        }
        let squares = zip(a, b).map { p, q -> Double in
            let dx = cx[0] * p.x + cx[1] * p.y + cx[2] - q.x, dy = cy[0] * p.x + cy[1] * p.y + cy[2] - q.y
            return dx * dx + dy * dy
        }
        return (squares.reduce(0, +) / Double(max(squares.count, 1))).squareRoot()
    }
}
