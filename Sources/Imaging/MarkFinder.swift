import Foundation
import Raster

/// Finds the four registration marks: filled squares of the expected size
/// near the image corners, chosen together so that they form the printed
/// rectangle. Works in image coordinates, before the orientation is known.
struct MarkFinder {
    let geometry: SheetGeometry
    /// Mark centres in mm: top-left, top-right, bottom-left, bottom-right.
    let marksMM: [PlanePoint]
    let dpi: Double?
    /// Why the last rejected combination was rejected, for the error message.
    private var lastProblem = "märkenas avstånd stämmer inte med arket"

    init(geometry: SheetGeometry, marksMM: [PlanePoint], dpi: Double?) {
        self.geometry = geometry
        self.marksMM = marksMM
        self.dpi = dpi
    }

    /// Share of the image width/height searched at each corner.
    static let cornerShare = (x: 0.3, y: 0.25)
    static let candidatesPerCorner = 6

    /// The mark centres in pixels, in image-corner order TL, TR, BL, BR, and
    /// how many of them were seen (3: one was completed from the others).
    mutating func find(in image: GreyImage) throws -> (marks: [PlanePoint], seen: Int) {
        let threshold = min(max(image.otsuThreshold(step: 7), 70), 170)
        let sides = sideRange()
        let rw = Int(Double(image.width) * Self.cornerShare.x), rh = Int(Double(image.height) * Self.cornerShare.y)
        let origins = [(0, 0), (image.width - rw, 0), (0, image.height - rh), (image.width - rw, image.height - rh)]
        let imageCorners = [
            (0.0, 0.0), (Double(image.width), 0.0), (0.0, Double(image.height)),
            (Double(image.width), Double(image.height)),
        ]
        var candidates: [[InkComponent?]] = []
        for (corner, origin) in origins.enumerated() {
            let found = ConnectedComponents.dark(
                in: image, x0: origin.0, y0: origin.1, width: rw, height: rh,
                threshold: threshold,
                minArea: Int(sides.lowerBound * sides.lowerBound * 0.7),
                connectivity: .four)
            let (cx, cy) = imageCorners[corner]
            let squares = found.filter { isSquare($0, sides) }
                .sorted {
                    hypot($0.centroid.x - cx, $0.centroid.y - cy) < hypot($1.centroid.x - cx, $1.centroid.y - cy)
                }
            candidates.append(Array(squares.prefix(Self.candidatesPerCorner)))
        }
        if let four = bestCombination(candidates) { return (four, 4) }
        // One mark covered (a staple, a punched hole, a thumb): complete the
        // parallelogram from the other three.
        let missing = candidates.indices.filter { candidates[$0].isEmpty }
        let omittable = missing.count == 1 ? missing : missing.isEmpty ? Array(candidates.indices) : []
        var best: (cost: Double, marks: [PlanePoint])?
        for omitted in omittable {
            var three = candidates
            three[omitted] = [nil]
            if let found = bestCombinationCost(three), found.cost < (best?.cost ?? .infinity) { best = found }
        }
        if let best { return (best.marks, 3) }
        if missing.count > 1 {
            throw RegistrationError.marksNotFound(corners: missing.map { SheetGeometry.cornerNames[$0] })
        }
        throw RegistrationError.implausibleGeometry(detail: lastProblem)
    }

    private mutating func bestCombination(_ candidates: [[InkComponent?]]) -> [PlanePoint]? {
        guard candidates.allSatisfy({ !$0.isEmpty }) else { return nil }
        return bestCombinationCost(candidates)?.marks
    }

    /// The cheapest choice of one candidate per corner; a nil candidate is
    /// completed as the parallelogram's fourth corner.
    private mutating func bestCombinationCost(_ candidates: [[InkComponent?]]) -> (cost: Double, marks: [PlanePoint])? {
        guard candidates.allSatisfy({ !$0.isEmpty }) else { return nil }
        var best: (cost: Double, marks: [PlanePoint])?
        for a in candidates[0] {
            for b in candidates[1] {
                for c in candidates[2] {
                    for d in candidates[3] {
                        let chosen = [a, b, c, d]
                        var points = chosen.map { $0?.centroid }
                        if let gap = points.firstIndex(where: { $0 == nil }) {
                            let opposite = 3 - gap, side1 = gap ^ 1, side2 = gap ^ 2
                            guard let s1 = points[side1], let s2 = points[side2], let o = points[opposite] else {
                                continue
                            }
                            points[gap] = PlanePoint(x: s1.x + s2.x - o.x, y: s1.y + s2.y - o.y)
                        }
                        let marks = points.compactMap { $0 }
                        guard marks.count == 4 else { continue }
                        switch cost(marks, areas: chosen.map { $0.map { Double($0.area) } }) {
                        case .success(let value):
                            if value < (best?.cost ?? .infinity) { best = (value, marks) }
                        case .failure(let problem): lastProblem = problem.detail
                        }
                    }
                }
            }
        }
        return best
    }

    /// Side length in pixels a mark's bounding box may have.
    private func sideRange() -> ClosedRange<Double> {
        let dpis = dpi.map { $0...$0 } ?? 150.0...650.0
        let low = geometry.markSizeMM * 0.85 * dpis.lowerBound / 25.4
        let high = geometry.markSizeMM * 1.05 * 1.12 * dpis.upperBound / 25.4
        return max(4, low)...high
    }

    private func isSquare(_ c: InkComponent, _ sides: ClosedRange<Double>) -> Bool {
        let w = Double(c.width), h = Double(c.height)
        return sides.contains(w) && sides.contains(h) && max(w, h) / min(w, h) < 1.3 && c.fill > 0.7
    }

    struct Problem: Error { let detail: String }

    /// How far four candidates (image TL, TR, BL, BR) are from the printed
    /// rectangle, or why they cannot be the marks.
    private func cost(_ p: [PlanePoint], areas: [Double?]) -> Result<Double, Problem> {
        let top = p[0].distance(to: p[1]), bottom = p[2].distance(to: p[3])
        let left = p[0].distance(to: p[2]), right = p[1].distance(to: p[3])
        let spanX = marksMM[0].distance(to: marksMM[1]), spanY = marksMM[0].distance(to: marksMM[2])
        let ppmmX = (top + bottom) / 2 / spanX, ppmmY = (left + right) / 2 / spanY
        let ppmm = (ppmmX + ppmmY) / 2
        let aspect = abs(ppmmX / ppmmY - 1)
        guard aspect < 0.06 else {
            return .failure(Problem(detail: "förhållandet mellan bredd och höjd stämmer inte (är sidan vriden 90°?)"))
        }
        let taper = max(abs(top / bottom - 1), abs(left / right - 1))
        guard taper < 0.03 else { return .failure(Problem(detail: "märkena bildar ingen rektangel")) }
        let angleTop = atan2(p[1].y - p[0].y, p[1].x - p[0].x), angleBottom = atan2(p[3].y - p[2].y, p[3].x - p[2].x)
        let angleLeft = atan2(p[2].y - p[0].y, p[2].x - p[0].x) - .pi / 2
        let bend = max(abs(angleTop - angleBottom), abs(angleTop - angleLeft))
        guard abs(angleTop) < 7 * .pi / 180, bend < 1.5 * .pi / 180 else {
            return .failure(Problem(detail: "sidan är för sned (högst 5° går att rätta)"))
        }
        let sizes = areas.compactMap { $0.map { $0.squareRoot() / ppmm / geometry.markSizeMM } }
        guard sizes.allSatisfy({ (0.8...1.2).contains($0) }) else {
            return .failure(Problem(detail: "märkenas storlek stämmer inte med deras avstånd"))
        }
        if let dpi {
            let scale = ppmm * 25.4 / dpi
            guard (0.88...1.05).contains(scale) else {
                let detail = String(format: "utskriftsskalan %.0f %% är orimlig vid %.0f dpi", scale * 100, dpi)
                return .failure(Problem(detail: detail))
            }
        } else {
            guard (150...650).contains(ppmm * 25.4) else {
                return .failure(Problem(detail: "upplösningen är utanför 150–650 dpi"))
            }
        }
        let sizeSpread = (sizes.max() ?? 1) - (sizes.min() ?? 1)
        return .success(
            aspect + taper + bend + sizeSpread + sizes.map { abs($0 - 1) }.reduce(0, +) / Double(sizes.count))
    }
}
