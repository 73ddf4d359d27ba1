extension InkMask {
    /// Erases printed straight lines: horizontal runs of ink at least
    /// `fraction` of the width and vertical runs at least `fraction` of the
    /// height (rectangle borders, table rules, writing lines), together with
    /// the partial rows and columns of their anti-aliased edges.
    mutating func eraseRulingLines(fraction: Double = 0.5) {
        let horizontal = longRuns(length: width, lines: height, minimum: fraction) { x, y in (x, y) }
        let vertical = longRuns(length: height, lines: width, minimum: fraction) { y, x in (x, y) }
        for (x, y) in horizontal + vertical { self[x, y] = false }
    }

    /// Pixels of runs along `length` (in each of `lines` lines) at least
    /// `minimum` × length long, plus the pixels next to them in the
    /// neighbouring lines (a line's blurred edge).
    private func longRuns(
        length: Int, lines: Int, minimum: Double,
        point: (Int, Int) -> (Int, Int)
    ) -> [(Int, Int)] {
        let needed = max(4, Int(minimum * Double(length)))
        var erased: [(Int, Int)] = []
        for line in 0..<lines {
            var start = 0
            while start < length {
                let (sx, sy) = point(start, line)
                guard self[sx, sy] else {
                    start += 1
                    continue
                }
                var end = start
                while end + 1 < length, self[point(end + 1, line).0, point(end + 1, line).1] { end += 1 }
                if end - start + 1 >= needed {
                    for position in start...end {
                        for neighbour in max(0, line - 1)...min(lines - 1, line + 1) {
                            let (x, y) = point(position, neighbour)
                            if neighbour == line || self[x, y] { erased.append((x, y)) }
                        }
                    }
                }
                start = end + 1
            }
        }
        return erased
    }
}
