import Raster

/// Which 8-connected ink components of a digit box form the writing (see
/// DigitPreprocessor and Training/digits/preprocess.py).
enum DigitInkComponents {
    /// A thin component lying along an edge: what is left of a box line.
    static func isEdgeSliver(_ c: InkComponent, width w: Int, height h: Int, band: Int) -> Bool {
        let bw = c.maxX - c.minX + 1, bh = c.maxY - c.minY + 1
        let alongTop = c.minY < band || c.maxY >= h - band
        let alongSide = c.minX < band || c.maxX >= w - band
        return (alongTop && bh <= band && bw >= 2 * bh) || (alongSide && bw <= band && bh >= 2 * bw)
    }

    /// The ink mask without specks (< minArea), edge slivers, and components
    /// smaller than keepRatio × the largest remaining one.
    static func kept(ink: [Bool], width w: Int, height h: Int, band: Int, minArea: Int, keepRatio: Double) -> [Bool] {
        let found = ConnectedComponents.label(ink, width: w, height: h, connectivity: .eight)
        var largest = 0
        var candidate = [Bool](repeating: false, count: found.components.count)
        for (i, c) in found.components.enumerated()
        where c.area >= minArea && !isEdgeSliver(c, width: w, height: h, band: band) {
            candidate[i] = true
            largest = max(largest, c.area)
        }
        let keepLabel = found.components.indices.map {
            candidate[$0] && Double(found.components[$0].area) >= keepRatio * Double(largest)
        }
        return found.labels.map { $0 >= 0 && keepLabel[Int($0)] }
    }
}
