/// An 8-bit greyscale raster: 0 is black ink, 255 is white paper.
///
/// The common currency between image loading (Leptonica), alignment and the
/// recognisers. Row-major, no padding.
public struct GreyImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public var pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(
            width >= 0 && height >= 0 && pixels.count == width * height,
            "GreyImage: \(pixels.count) pixels for \(width)×\(height)")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    public init(width: Int, height: Int, fill: UInt8 = 255) {
        self.init(width: width, height: height, pixels: [UInt8](repeating: fill, count: width * height))
    }

    public var isEmpty: Bool { width == 0 || height == 0 }

    @inlinable
    public subscript(x: Int, y: Int) -> UInt8 {
        get { pixels[y * width + x] }
        set { pixels[y * width + x] = newValue }
    }

    /// The pixel at (x, y), or white outside the image.
    @inlinable
    public func pixel(orWhite x: Int, _ y: Int) -> UInt8 {
        guard x >= 0, y >= 0, x < width, y < height else { return 255 }
        return pixels[y * width + x]
    }

    /// The part of the image inside the rectangle, clipped to the image.
    public func cropped(x: Int, y: Int, width w: Int, height h: Int) -> GreyImage {
        let x0 = max(0, x), y0 = max(0, y)
        let x1 = min(width, x + w), y1 = min(height, y + h)
        guard x1 > x0, y1 > y0 else { return GreyImage(width: 0, height: 0, pixels: []) }
        var out = [UInt8](repeating: 255, count: (x1 - x0) * (y1 - y0))
        out.withUnsafeMutableBufferPointer { dst in
            pixels.withUnsafeBufferPointer { src in
                for row in y0..<y1 {
                    let s = row * width + x0
                    let d = (row - y0) * (x1 - x0)
                    for i in 0..<(x1 - x0) { dst[d + i] = src[s + i] }
                }
            }
        }
        return GreyImage(width: x1 - x0, height: y1 - y0, pixels: out)
    }
}
