import Raster

/// Finds the boxes of a comb field in its crop (border included, a little
/// margin around it, any resolution).
///
/// The top and bottom borders are the strongest rows of the ink projection;
/// between them, box borders are the columns inked over most of the height
/// (handwriting crossing a border does not hide it, and a digit stroke is
/// rarely that tall). Boxes are pairs of such columns about one box width
/// apart (5.5 mm for 7 mm of height), chosen as the longest chain of
/// non-overlapping pairs, so group gaps and strokes inside boxes fall out.
public struct CombSegmenter: Sendable {
    /// Printed box width over box height (5.5 mm × 7 mm).
    public var boxAspect: Double
    /// How far a box's width may stray from `boxAspect` × height, as a fraction.
    public var widthTolerance: Double
    /// Fraction of the inner height a column must be inked to be a border.
    public var borderCoverage: Double

    public init(boxAspect: Double = 5.5 / 7, widthTolerance: Double = 0.2, borderCoverage: Double = 0.75) {
        self.boxAspect = boxAspect
        self.widthTolerance = widthTolerance
        self.borderCoverage = borderCoverage
    }

    /// The inner rectangles (borders excluded) of the `boxCount` boxes, left to right.
    public func boxes(in crop: GreyImage, boxCount: Int) throws(CombSegmentationError) -> [PixelRect] {
        let mask = InkMask(crop)
        let rows = mask.rowCounts().map(Double.init)
        guard let most = rows.max(), most > 0 else { throw .noBoxes(expected: boxCount) }
        let horizontal = LineBand.find(in: rows, threshold: 0.4 * most, bridging: 1)
        var best: [PixelRect] = []
        var bestScore = -1.0
        for (i, top) in horizontal.enumerated() {
            for bottom in horizontal[(i + 1)...] where bottom.start - top.end > 4 {
                let (boxes, score) = boxesBetween(top, bottom, mask: mask)
                if score > bestScore {
                    best = boxes
                    bestScore = score
                }
            }
        }
        guard !best.isEmpty else { throw .noBoxes(expected: boxCount) }
        guard best.count == boxCount else { throw .wrongBoxCount(found: best.count, expected: boxCount) }
        return best
    }

    /// The boxes between two horizontal borders, and a score: the number of
    /// boxes first, then how solid their borders are.
    private func boxesBetween(_ top: LineBand, _ bottom: LineBand, mask: InkMask) -> ([PixelRect], Double) {
        let inner = (top.end + 1)..<bottom.start
        let columns = mask.columnCounts(rows: inner).map { Double($0) / Double(inner.count) }
        let vertical = LineBand.find(in: columns, threshold: borderCoverage)
        let width = (bottom.center - top.center) * boxAspect
        let pairs = BoxChain.longest(lines: vertical, width: width, tolerance: widthTolerance)
        let boxes = pairs.map { left, right in
            PixelRect(
                x: left.end + 1, y: inner.lowerBound,
                width: right.start - left.end - 1, height: inner.count)
        }
        let strength = pairs.reduce(0) { $0 + $1.0.strength + $1.1.strength }
        return (boxes, Double(boxes.count) * 1000 + strength)
    }
}

/// The longest left-to-right chain of boxes, each a pair of border lines about
/// `width` apart; consecutive boxes may share a border or be separated by a gap.
enum BoxChain {
    static func longest(lines: [LineBand], width: Double, tolerance: Double) -> [(LineBand, LineBand)] {
        let n = lines.count
        guard n >= 2 else { return [] }
        // best[i]: the best chain whose boxes all lie at or right of line i.
        var best = Array(repeating: (count: 0, strength: 0.0, next: -1, partner: -1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            best[i] = best[i + 1]
            best[i].next = i + 1
            best[i].partner = -1
            for j in (i + 1)..<n {
                let distance = lines[j].center - lines[i].center
                if distance > width * (1 + tolerance) { break }
                guard distance >= width * (1 - tolerance) else { continue }
                let count = 1 + best[j].count
                let strength = lines[i].strength + lines[j].strength + best[j].strength
                if count > best[i].count || (count == best[i].count && strength > best[i].strength) {
                    best[i] = (count, strength, j, j)
                }
            }
        }
        var chain: [(LineBand, LineBand)] = []
        var i = 0
        while i < n {
            let step = best[i]
            if step.partner >= 0 { chain.append((lines[i], lines[step.partner])) }
            i = step.next
        }
        return chain
    }
}
