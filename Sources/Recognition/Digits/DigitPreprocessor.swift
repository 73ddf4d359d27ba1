import Foundation
import Raster

/// Preprocessing contract v3 (mirrors Training/digits/preprocess.py exactly):
/// box crop → border-remnant suppression → ink components → blank/dense/digit
/// decision → 28×28 MNIST-style input (ink scaled to fit 20×20, centre of mass
/// at 13.5, 13.5, values 0...1 with 1 = ink).
enum DigitPreprocessor {
    static let version = 3
    static let minSide = 4
    static let inkThreshold = 0.2
    static let segments = 4
    static let lineFull = 0.6
    static let lineEmpty = 0.15
    /// An unbroken run of ink this long along an edge is a box line, however dark.
    static let lineRun = 0.75
    /// In a cleared line, pixels at least this dark stay: pen, not box line.
    static let keepDark = 0.6
    static let keepRatio = 0.08
    static let denseRaw = 0.85
    static let denseKept = 0.7
    static let fit = 20
    static let side = 28
    static let targetCentre = 13.5

    enum Outcome: Equatable {
        /// No ink worth reading.
        case blank
        /// So much ink that no digit can be read (e.g. a blacked-out box).
        case dense(inkFraction: Double)
        /// A digit to classify; `input` holds the 28×28 network input.
        case digit(inkFraction: Double)
    }

    static func bandWidth(_ w: Int, _ h: Int) -> Int {
        let m = min(w, h)
        return min(max(3, Int((0.08 * Double(m) + 0.5).rounded(.down))), m / 4)
    }

    static func minComponentArea(_ w: Int, _ h: Int) -> Int { max(6, (w * h) / 300) }

    /// Darkness (255 − p) / 255 of each grey level, and whether it counts as ink.
    static let darkness: [Double] = (0...255).map { (255 - Double($0)) / 255 }
    static let isInk: [Bool] = darkness.map { $0 >= inkThreshold }

    /// Preprocesses `box`, writing the network input into `input` (28×28 floats)
    /// when the outcome is `.digit`.
    static func prepare(_ box: GreyImage, input: UnsafeMutablePointer<Float>) -> Outcome {
        let (w, h) = (box.width, box.height)
        guard w >= minSide, h >= minSide else { return .blank }
        let area = w * h
        var ink = [Bool](repeating: false, count: area)
        var rawInk = 0
        box.pixels.withUnsafeBufferPointer { pixels in
            isInk.withUnsafeBufferPointer { table in
                ink.withUnsafeMutableBufferPointer { mask in
                    for i in 0..<area where table[Int(pixels[i])] {
                        mask[i] = true
                        rawInk += 1
                    }
                }
            }
        }
        if Double(rawInk) > denseRaw * Double(area) {
            return .dense(inkFraction: Double(rawInk) / Double(area))
        }
        suppressBorderLines(ink: &ink, pixels: box.pixels, width: w, height: h)
        let keep = DigitInkComponents.kept(
            ink: ink, width: w, height: h, band: bandWidth(w, h),
            minArea: minComponentArea(w, h), keepRatio: keepRatio)
        var count = 0
        var darkSum = 0.0
        var (x0, y0, x1, y1) = (w, h, -1, -1)
        keep.withUnsafeBufferPointer { kept in
            box.pixels.withUnsafeBufferPointer { pixels in
                darkness.withUnsafeBufferPointer { dark in
                    for y in 0..<h {
                        for x in 0..<w where kept[y * w + x] {
                            count += 1
                            darkSum += dark[Int(pixels[y * w + x])]
                            x0 = min(x0, x)
                            x1 = max(x1, x)
                            y0 = min(y0, y)
                            y1 = max(y1, y)
                        }
                    }
                }
            }
        }
        guard count > 0 else { return .blank }
        let fraction = Double(count) / Double(area)
        if fraction > denseKept { return .dense(inkFraction: fraction) }
        let level = max(darkSum / Double(count), 0.1)
        let (bw, bh) = (x1 - x0 + 1, y1 - y0 + 1)
        var values = [Double](repeating: 0, count: bw * bh)
        for y in 0..<bh {
            for x in 0..<bw where keep[(y0 + y) * w + x0 + x] {
                values[y * bw + x] = min(1, darkness[Int(box.pixels[(y0 + y) * w + x0 + x])] / level)
            }
        }
        place(values, width: bw, height: bh, into: input)
        return .digit(inkFraction: fraction)
    }

    /// One crop edge (0 top, 1 bottom, 2 left, 3 right): its length, and the
    /// pixel index at position s along it, depth j inwards: origin + s·along + j·inwards.
    struct Edge {
        let length: Int, origin: Int, along: Int, inwards: Int

        init(_ edge: Int, width w: Int, height h: Int) {
            switch edge {
            case 0: (length, origin, along, inwards) = (w, 0, 1, w)
            case 1: (length, origin, along, inwards) = (w, (h - 1) * w, 1, -w)
            case 2: (length, origin, along, inwards) = (h, 0, w, 1)
            default: (length, origin, along, inwards) = (h, w - 1, w, -1)
            }
        }
    }

    /// Clears box-line remnants along the edges: solid runs first
    /// (`suppressSolidLines`), then grey segments (`suppressGreyLines`).
    static func suppressBorderLines(ink: inout [Bool], pixels: [UInt8], width w: Int, height h: Int) {
        let band = bandWidth(w, h)
        ink.withUnsafeMutableBufferPointer { mask in
            for edge in 0..<4 {
                suppressSolidLines(mask, along: Edge(edge, width: w, height: h), band: band)
            }
            for edge in 0..<4 {
                suppressGreyLines(mask, pixels: pixels, along: Edge(edge, width: w, height: h), band: band)
            }
        }
    }

    /// Box lines that the scan made as dark as the pen (binarised or fax scans):
    /// walking inwards over the band, the first longest unbroken run of ink is
    /// cleared when it covers `lineRun` of the edge; the walk stops at a line
    /// less than `lineEmpty` inked.
    static func suppressSolidLines(_ mask: UnsafeMutableBufferPointer<Bool>, along edge: Edge, band: Int) {
        for j in 0..<band {
            let start = edge.origin + j * edge.inwards
            var inked = 0, best = (length: 0, start: 0), runStart = -1
            for s in 0...edge.length {
                if s < edge.length && mask[start + s * edge.along] {
                    inked += 1
                    if runStart < 0 { runStart = s }
                } else if runStart >= 0 {
                    if s - runStart > best.length { best = (s - runStart, runStart) }
                    runStart = -1
                }
            }
            if Double(best.length) >= lineRun * Double(edge.length) {
                for s in best.start..<(best.start + best.length) { mask[start + s * edge.along] = false }
            } else if Double(inked) < lineEmpty * Double(edge.length) {
                break
            }
        }
    }

    /// Grey box-line remnants: walking inwards segment by segment, lines at
    /// least `lineFull` inked are cleared of all but their darkest pixels
    /// (`keepDark`); the walk stops at a line less than `lineEmpty` inked.
    static func suppressGreyLines(
        _ mask: UnsafeMutableBufferPointer<Bool>, pixels: [UInt8], along edge: Edge,
        band: Int
    ) {
        let dark = darkness
        for k in 0..<segments {
            let a = (k * edge.length) / segments, b = ((k + 1) * edge.length) / segments
            guard b > a else { continue }
            for j in 0..<band {
                let start = edge.origin + j * edge.inwards
                var inked = 0
                for s in a..<b where mask[start + s * edge.along] { inked += 1 }
                let share = Double(inked) / Double(b - a)
                if share >= lineFull {
                    for s in a..<b where dark[Int(pixels[start + s * edge.along])] < keepDark {
                        mask[start + s * edge.along] = false
                    }
                } else if share < lineEmpty {
                    break
                }
            }
        }
    }

    /// Scales the ink box to fit 20×20 (area averaging) and places it in the
    /// 28×28 input with its centre of mass at (13.5, 13.5).
    static func place(_ values: [Double], width bw: Int, height bh: Int, into input: UnsafeMutablePointer<Float>) {
        let scale = Double(fit) / Double(max(bw, bh))
        let ow = min(fit, max(1, Int((Double(bw) * scale + 0.5).rounded(.down))))
        let oh = min(fit, max(1, Int((Double(bh) * scale + 0.5).rounded(.down))))
        let wx = areaWeights(source: bw, target: ow)
        let wy = areaWeights(source: bh, target: oh)
        // rows = values · wxᵀ  [bh × ow], then patch = wy · rows  [oh × ow]
        var rows = [Double](repeating: 0, count: bh * ow)
        for y in 0..<bh {
            for j in 0..<ow {
                var sum = 0.0
                for (s, weight) in wx[j] { sum += values[y * bw + s] * weight }
                rows[y * ow + j] = sum
            }
        }
        var patch = [Double](repeating: 0, count: oh * ow)
        for i in 0..<oh {
            for (s, weight) in wy[i] {
                for j in 0..<ow { patch[i * ow + j] += weight * rows[s * ow + j] }
            }
        }
        var total = 0.0, momentX = 0.0, momentY = 0.0
        for i in 0..<oh {
            for j in 0..<ow {
                let v = patch[i * ow + j]
                total += v
                momentX += v * Double(j)
                momentY += v * Double(i)
            }
        }
        let cx = total > 0 ? momentX / total : Double(ow - 1) / 2
        let cy = total > 0 ? momentY / total : Double(oh - 1) / 2
        let ox = min(max(Int((targetCentre - cx + 0.5).rounded(.down)), 0), side - ow)
        let oy = min(max(Int((targetCentre - cy + 0.5).rounded(.down)), 0), side - oh)
        input.update(repeating: 0, count: side * side)
        for i in 0..<oh {
            for j in 0..<ow { input[(oy + i) * side + ox + j] = Float(patch[i * ow + j]) }
        }
    }

    /// For each target pixel, the source pixels it overlaps and their weights
    /// (overlap length divided by the footprint length).
    static func areaWeights(source: Int, target: Int) -> [[(Int, Double)]] {
        let step = Double(source) / Double(target)
        return (0..<target).map { t in
            let a = Double(t) * step, b = Double(t + 1) * step
            var row: [(Int, Double)] = []
            for s in Int(a.rounded(.down))..<min(source, Int(b.rounded(.up))) {
                let overlap = min(b, Double(s + 1)) - max(a, Double(s))
                if overlap > 0 { row.append((s, overlap / step)) }
            }
            return row
        }
    }
}
