import Raster

extension GreyImage {
    /// Otsu's threshold over (a sample of) the pixels: values at or below it
    /// are ink. `step` samples every step-th pixel to keep large pages cheap.
    func otsuThreshold(step: Int = 1) -> UInt8 {
        var histogram = [Int](repeating: 0, count: 256)
        var index = 0
        while index < pixels.count {
            histogram[Int(pixels[index])] += 1
            index += Swift.max(1, step)
        }
        let total = histogram.reduce(0, +)
        guard total > 0 else { return 127 }
        let sumAll = histogram.enumerated().reduce(0.0) { $0 + Double($1.offset * $1.element) }
        var background = 0, sumBackground = 0.0, best = 0.0, threshold = 127
        for t in 0..<256 {
            background += histogram[t]
            guard background > 0 else { continue }
            let foreground = total - background
            guard foreground > 0 else { break }
            sumBackground += Double(t * histogram[t])
            let meanB = sumBackground / Double(background)
            let meanF = (sumAll - sumBackground) / Double(foreground)
            let between = Double(background) * Double(foreground) * (meanB - meanF) * (meanB - meanF)
            if between > best {
                best = between
                threshold = t
            }
        }
        return UInt8(threshold)
    }

    /// The image with every pixel at or below `threshold` black, the rest white.
    func binarised(at threshold: UInt8) -> GreyImage {
        GreyImage(width: width, height: height, pixels: pixels.map { $0 <= threshold ? 0 : 255 })
    }
}
