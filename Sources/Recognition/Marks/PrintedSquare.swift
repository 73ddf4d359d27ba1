import Raster

/// Finds the printed square of a checkbox in its crop and the inside of it,
/// with the border excluded, without trusting the crop to be centred.
///
/// A border side is the outermost column (row) inked along more than half of
/// the crop's height (width): strokes and ticks are not that long and
/// straight, and a filled box is still bounded by its outermost lines. The
/// border's thickness is measured, capped at 12 % of the side (a 0.3 mm
/// line on a 4.5 mm square is 7 %), so a fill touching the border is not
/// taken for a thick border.
enum PrintedSquare {
    /// The inside of the square (border and a safety inset removed), or nil
    /// when no square border is found.
    static func interior(of mask: InkMask) -> PixelRect? {
        let columnRuns = (0..<mask.width).map { x in longestRun(count: mask.height) { mask[x, $0] } }
        let rowRuns = (0..<mask.height).map { y in longestRun(count: mask.width) { mask[$0, y] } }
        guard let (left, right) = sides(columnRuns, length: mask.height),
            let (top, bottom) = sides(rowRuns, length: mask.width)
        else { return nil }
        let side = Double(min(right.outer - left.outer, bottom.outer - top.outer))
        guard side >= 6 else { return nil }
        let cap = max(1, Int((0.12 * side).rounded()))
        let inset = max(1, Int((0.04 * side).rounded()))
        let x0 = left.outer + min(left.thickness, cap) + inset
        let x1 = right.outer - min(right.thickness, cap) - inset
        let y0 = top.outer + min(top.thickness, cap) + inset
        let y1 = bottom.outer - min(bottom.thickness, cap) - inset
        guard x1 > x0, y1 > y0 else { return nil }
        return PixelRect(x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1)
    }

    /// The first and last positions whose run is long enough, with the
    /// thickness of the line there (consecutive long-run positions).
    private static func sides(_ runs: [Int], length: Int) -> (
        first: (outer: Int, thickness: Int),
        last: (outer: Int, thickness: Int)
    )? {
        let long = runs.map { Double($0) >= 0.5 * Double(length) }
        guard let first = long.firstIndex(of: true), let last = long.lastIndex(of: true), last > first else {
            return nil
        }
        var firstEnd = first
        while firstEnd + 1 <= last, long[firstEnd + 1] { firstEnd += 1 }
        var lastStart = last
        while lastStart - 1 >= first, long[lastStart - 1] { lastStart -= 1 }
        return ((first, firstEnd - first + 1), (last, last - lastStart + 1))
    }

    private static func longestRun(count: Int, _ inked: (Int) -> Bool) -> Int {
        var longest = 0, current = 0
        for i in 0..<count {
            if inked(i) {
                current += 1
                longest = max(longest, current)
            } else {
                current = 0
            }
        }
        return longest
    }
}
