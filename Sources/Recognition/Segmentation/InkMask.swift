import Raster

/// Which pixels of a crop carry ink (printed or handwritten), against the
/// crop's own paper level, so light pens (grey 120–180) count and paper noise
/// does not.
struct InkMask {
    let width: Int
    let height: Int
    /// Row-major, true where there is ink.
    var ink: [Bool]
    /// The paper level found (a high percentile of the crop).
    let paper: Int
    /// Pixels darker than this are ink.
    let threshold: Int

    init(_ image: GreyImage) {
        width = image.width
        height = image.height
        // A crop almost filled with ink (a scribbled box) must not pass for paper.
        paper = max(190, InkMask.paperLevel(image))
        threshold = max(60, paper - 45)
        let limit = UInt8(clamping: threshold)
        ink = image.pixels.map { $0 < limit }
    }

    /// The 90th percentile of the pixel values: paper dominates any field crop.
    static func paperLevel(_ image: GreyImage) -> Int {
        guard !image.pixels.isEmpty else { return 255 }
        var histogram = [Int](repeating: 0, count: 256)
        for value in image.pixels { histogram[Int(value)] += 1 }
        let target = image.pixels.count * 9 / 10
        var seen = 0
        for level in 0..<256 {
            seen += histogram[level]
            if seen > target { return level }
        }
        return 255
    }

    @inline(__always)
    subscript(x: Int, y: Int) -> Bool {
        get { ink[y * width + x] }
        set { ink[y * width + x] = newValue }
    }

    /// Ink pixels in the rectangle (clipped to the mask).
    func count(in rect: PixelRect) -> Int {
        var total = 0
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            for x in max(0, rect.x)..<min(width, rect.maxX) where self[x, y] { total += 1 }
        }
        return total
    }

    /// Ink pixels per row, over columns `columns`.
    func rowCounts(columns: Range<Int>? = nil) -> [Int] {
        let columns = columns ?? 0..<width
        return (0..<height).map { y in columns.reduce(0) { $0 + (self[$1, y] ? 1 : 0) } }
    }

    /// Ink pixels per column, over rows `rows`.
    func columnCounts(rows: Range<Int>? = nil) -> [Int] {
        let rows = rows ?? 0..<height
        return (0..<width).map { x in rows.reduce(0) { $0 + (self[x, $1] ? 1 : 0) } }
    }
}
