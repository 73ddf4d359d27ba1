extension GreyImage {
    /// The image at `width` × `height`: area-averaged when shrinking, nearest
    /// pixel when enlarging (an enlarged crop keeps its pixels sharp).
    public func resampled(width newWidth: Int, height newHeight: Int) -> GreyImage {
        guard newWidth > 0, newHeight > 0, !isEmpty else { return GreyImage(width: 0, height: 0, pixels: []) }
        var out = [UInt8](repeating: 255, count: newWidth * newHeight)
        let sx = Double(width) / Double(newWidth), sy = Double(height) / Double(newHeight)
        pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for y in 0..<newHeight {
                    let y0 = min(height - 1, Int(Double(y) * sy))
                    let y1 = max(y0 + 1, min(height, Int(Double(y + 1) * sy)))
                    for x in 0..<newWidth {
                        let x0 = min(width - 1, Int(Double(x) * sx))
                        let x1 = max(x0 + 1, min(width, Int(Double(x + 1) * sx)))
                        var sum = 0
                        for yy in y0..<y1 {
                            let row = yy * width
                            for xx in x0..<x1 { sum += Int(src[row + xx]) }
                        }
                        dst[y * newWidth + x] = UInt8(sum / ((y1 - y0) * (x1 - x0)))
                    }
                }
            }
        }
        return GreyImage(width: newWidth, height: newHeight, pixels: out)
    }

    /// The darkest ink stretched to black and the paper to white (a faint scan made legible).
    public func contrastStretched() -> GreyImage {
        guard let low = pixels.min(), let high = pixels.max(), high > low, high - low < 250 else { return self }
        let range = Int(high - low)
        return GreyImage(width: width, height: height, pixels: pixels.map { UInt8((Int($0 - low) * 255) / range) })
    }
}

extension GreyImage {
    /// The smallest rectangle holding the writing: every pixel darker than
    /// `threshold`, except those on printed rules (a row dark across more than
    /// 30 % of the width, a column dark down more than 70 % of the height: a
    /// dotted line to write on, a box edge) and those within `inkEdge` of the
    /// border (the corners of the box the crop was cut from). Nil when there
    /// is no writing.
    public func inkBounds(threshold: UInt8 = 160) -> (x: Int, y: Int, width: Int, height: Int)? {
        let edge = inkEdge
        guard width > 2 * edge, height > 2 * edge else { return nil }
        let xs = edge..<(width - edge), ys = edge..<(height - edge)
        var rowInk = [Int](repeating: 0, count: height), columnInk = [Int](repeating: 0, count: width)
        pixels.withUnsafeBufferPointer { p in
            for y in ys {
                let row = y * width
                for x in xs where p[row + x] < threshold {
                    rowInk[y] += 1
                    columnInk[x] += 1
                }
            }
        }
        let ruleRow = rowInk.map { $0 * 10 > xs.count * 3 }
        let ruleColumn = columnInk.map { $0 * 10 > ys.count * 7 }
        var minX = width, minY = height, maxX = -1, maxY = -1
        pixels.withUnsafeBufferPointer { p in
            for y in ys where !ruleRow[y] && rowInk[y] > 0 {
                let row = y * width
                for x in xs where !ruleColumn[x] && p[row + x] < threshold {
                    minX = min(minX, x)
                    maxX = max(maxX, x)
                    minY = min(minY, y)
                    maxY = max(maxY, y)
                }
            }
        }
        guard maxX >= 0 else { return nil }
        return (minX, minY, maxX - minX + 1, maxY - minY + 1)
    }

    /// The band along the border that `inkBounds` does not look at.
    public var inkEdge: Int { max(2, min(width, height) / 12) }

    /// The image cut down to its ink with `margin` pixels of paper around it
    /// (the whole image when there is no writing): on a small screen the
    /// writing, not the empty box around it, gets the cells. Only printed
    /// rules and paper are cut away.
    public func trimmedToInk(margin: Int, threshold: UInt8 = 160) -> GreyImage {
        guard let ink = inkBounds(threshold: threshold) else { return self }
        // At least the band inkBounds did not look at: writing that runs into it is kept.
        let margin = max(margin, inkEdge)
        return cropped(
            x: ink.x - margin, y: ink.y - margin, width: ink.width + 2 * margin, height: ink.height + 2 * margin)
    }
}
