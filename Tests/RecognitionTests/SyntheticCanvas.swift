import Raster

/// A white page drawn on in millimetres at a given resolution: printed
/// borders, pen strokes, noise. For synthetic crops in tests.
struct SyntheticCanvas {
    var image: GreyImage
    let dotsPerMillimetre: Double

    init(widthMM: Double, heightMM: Double, dpi: Double, paper: UInt8 = 250) {
        dotsPerMillimetre = dpi / 25.4
        image = GreyImage(
            width: Int((widthMM * dpi / 25.4).rounded()),
            height: Int((heightMM * dpi / 25.4).rounded()), fill: paper)
    }

    func px(_ mm: Double) -> Double { mm * dotsPerMillimetre }

    /// Darkens every pixel whose centre lies in the rectangle to `value`.
    mutating func fill(x: Double, y: Double, width: Double, height: Double, value: UInt8) {
        let x0 = Int(px(x).rounded()), y0 = Int(px(y).rounded())
        let x1 = Int(px(x + width).rounded()), y1 = Int(px(y + height).rounded())
        for row in max(0, y0)..<min(image.height, max(y0 + 1, y1)) {
            for column in max(0, x0)..<min(image.width, max(x0 + 1, x1)) {
                image[column, row] = min(image[column, row], value)
            }
        }
    }

    /// A printed rectangle outline of line width `line` centred on the rectangle's edges.
    mutating func strokeRect(x: Double, y: Double, width: Double, height: Double, line: Double, value: UInt8) {
        fill(x: x - line / 2, y: y - line / 2, width: width + line, height: line, value: value)
        fill(x: x - line / 2, y: y + height - line / 2, width: width + line, height: line, value: value)
        fill(x: x - line / 2, y: y - line / 2, width: line, height: height + line, value: value)
        fill(x: x + width - line / 2, y: y - line / 2, width: line, height: height + line, value: value)
    }

    /// A pen stroke from one point to another (millimetres), `width` wide.
    mutating func stroke(_ from: (Double, Double), _ to: (Double, Double), width: Double, value: UInt8) {
        let (ax, ay) = (px(from.0), px(from.1)), (bx, by) = (px(to.0), px(to.1))
        let radius = max(0.5, px(width) / 2)
        let minX = Int(min(ax, bx) - radius - 1), maxX = Int(max(ax, bx) + radius + 1)
        let minY = Int(min(ay, by) - radius - 1), maxY = Int(max(ay, by) + radius + 1)
        let dx = bx - ax, dy = by - ay
        let length2 = max(dx * dx + dy * dy, 1e-9)
        for row in max(0, minY)...min(image.height - 1, maxY) where minY <= maxY {
            for column in max(0, minX)...min(image.width - 1, maxX) where minX <= maxX {
                let cx = Double(column) + 0.5, cy = Double(row) + 0.5
                let t = min(1, max(0, ((cx - ax) * dx + (cy - ay) * dy) / length2))
                let ex = ax + t * dx - cx, ey = ay + t * dy - cy
                if ex * ex + ey * ey <= radius * radius { image[column, row] = min(image[column, row], value) }
            }
        }
    }

    /// A polyline of pen strokes.
    mutating func path(_ points: [(Double, Double)], width: Double, value: UInt8) {
        for (a, b) in zip(points, points.dropFirst()) { stroke(a, b, width: width, value: value) }
    }

    /// Uniform noise of ± `amplitude` on every pixel.
    mutating func addNoise(_ amplitude: Int, using generator: inout SeededGenerator) {
        for i in image.pixels.indices {
            let value = Int(image.pixels[i]) + Int.random(in: -amplitude...amplitude, using: &generator)
            image.pixels[i] = UInt8(clamping: value)
        }
    }
}
