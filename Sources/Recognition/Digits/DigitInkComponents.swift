/// 8-connected ink components and the filter that keeps the ones that form
/// the writing (see DigitPreprocessor and Training/digits/preprocess.py).
enum DigitInkComponents {
    struct Component {
        var area = 0
        var minX = Int.max, minY = Int.max, maxX = Int.min, maxY = Int.min
    }

    /// A thin component lying along an edge: what is left of a box line.
    static func isEdgeSliver(_ c: Component, width w: Int, height h: Int, band: Int) -> Bool {
        let bw = c.maxX - c.minX + 1, bh = c.maxY - c.minY + 1
        let alongTop = c.minY < band || c.maxY >= h - band
        let alongSide = c.minX < band || c.maxX >= w - band
        return (alongTop && bh <= band && bw >= 2 * bh) || (alongSide && bw <= band && bh >= 2 * bw)
    }

    /// The ink mask without specks (< minArea), edge slivers, and components
    /// smaller than keepRatio × the largest remaining one.
    static func kept(ink: [Bool], width w: Int, height h: Int, band: Int, minArea: Int, keepRatio: Double) -> [Bool] {
        var labels = [Int32](repeating: -1, count: w * h)
        var components: [Component] = []
        var stack = [Int](repeating: 0, count: w * h)
        ink.withUnsafeBufferPointer { mask in
            labels.withUnsafeMutableBufferPointer { label in
                stack.withUnsafeMutableBufferPointer { pending in
                    for start in 0..<(w * h) where mask[start] && label[start] < 0 {
                        let id = Int32(components.count)
                        var component = Component()
                        label[start] = id
                        pending[0] = start
                        var top = 1
                        while top > 0 {
                            top -= 1
                            let index = pending[top]
                            let x = index % w, y = index / w
                            component.area += 1
                            component.minX = min(component.minX, x); component.maxX = max(component.maxX, x)
                            component.minY = min(component.minY, y); component.maxY = max(component.maxY, y)
                            for ny in max(0, y - 1)...min(h - 1, y + 1) {
                                for nx in max(0, x - 1)...min(w - 1, x + 1) {
                                    let n = ny * w + nx
                                    if mask[n] && label[n] < 0 {
                                        label[n] = id
                                        pending[top] = n
                                        top += 1
                                    }
                                }
                            }
                        }
                        components.append(component)
                    }
                }
            }
        }
        var largest = 0
        var candidate = [Bool](repeating: false, count: components.count)
        for (i, c) in components.enumerated()
        where c.area >= minArea && !isEdgeSliver(c, width: w, height: h, band: band) {
            candidate[i] = true
            largest = max(largest, c.area)
        }
        let keepLabel = components.indices.map { candidate[$0] && Double(components[$0].area) >= keepRatio * Double(largest) }
        return labels.map { $0 >= 0 && keepLabel[Int($0)] }
    }
}
