import Raster

/// How many colours the terminal shows.
public enum ColourDepth: Sendable {
    case trueColour, palette256

    /// 24-bit when `COLORTERM` says so, else the 256-colour palette's grey ramp.
    public static func detect(_ environment: [String: String]) -> ColourDepth {
        let colorterm = environment["COLORTERM"]?.lowercased() ?? ""
        return colorterm.contains("truecolor") || colorterm.contains("24bit") ? .trueColour : .palette256
    }
}

/// An image drawn as terminal text: rows of styled half blocks, `columns` wide.
public struct BlockImage: Sendable {
    public var lines: [String]
    public var columns: Int
}

/// Draws a greyscale image with Unicode upper half blocks: each character
/// cell shows two pixels, the top one in the foreground colour and the bottom
/// one in the background colour.
public struct HalfBlocks {
    public let depth: ColourDepth
    private let foreground: [String]
    private let background: [String]

    public init(depth: ColourDepth) {
        self.depth = depth
        foreground = (0..<256).map { Self.code(UInt8($0), depth: depth, layer: 38) }
        background = (0..<256).map { Self.code(UInt8($0), depth: depth, layer: 48) }
    }

    static func code(_ grey: UInt8, depth: ColourDepth, layer: Int) -> String {
        switch depth {
        case .trueColour:
            return "\u{1b}[\(layer);2;\(grey);\(grey);\(grey)m"
        case .palette256:
            // 16 = black, 232...255 = grey ramp 8...238, 231 = white.
            let index: Int
            if grey < 4 {
                index = 16
            } else if grey > 246 {
                index = 231
            } else {
                index = 232 + min(23, max(0, (Int(grey) - 8 + 5) / 10))
            }
            return "\u{1b}[\(layer);5;\(index)m"
        }
    }

    /// The image fitted into `columns` × `rows` cells (aspect kept, contrast
    /// stretched), one string per row, each ending with the colours reset.
    public func render(_ image: GreyImage, columns: Int, rows: Int) -> BlockImage {
        guard !image.isEmpty, columns > 0, rows > 0 else { return BlockImage(lines: [], columns: 0) }
        let scale = min(Double(columns) / Double(image.width), Double(rows * 2) / Double(image.height))
        let width = max(1, min(columns, Int((Double(image.width) * scale).rounded())))
        let height = max(2, min(rows * 2, Int((Double(image.height) * scale).rounded())))
        let pixels = Self.stretched(Self.resample(image, width: width, height: height))
        var lines: [String] = []
        lines.reserveCapacity((height + 1) / 2)
        var y = 0
        while y < height {
            var line = ""
            line.reserveCapacity(width * 24)
            var lastTop = -1, lastBottom = -1
            for x in 0..<width {
                let top = Int(pixels[y * width + x])
                let bottom = y + 1 < height ? Int(pixels[(y + 1) * width + x]) : 255
                if top != lastTop {
                    line += foreground[top]
                    lastTop = top
                }
                if bottom != lastBottom {
                    line += background[bottom]
                    lastBottom = bottom
                }
                line += "▀"
            }
            line += "\u{1b}[0m"
            lines.append(line)
            y += 2
        }
        return BlockImage(lines: lines, columns: width)
    }

    /// Area-average resampling (shrinking) or nearest pixel (enlarging).
    static func resample(_ image: GreyImage, width: Int, height: Int) -> [UInt8] {
        var out = [UInt8](repeating: 255, count: width * height)
        let sx = Double(image.width) / Double(width), sy = Double(image.height) / Double(height)
        image.pixels.withUnsafeBufferPointer { src in
            for y in 0..<height {
                let y0 = Int(Double(y) * sy), y1 = max(y0 + 1, min(image.height, Int(Double(y + 1) * sy)))
                for x in 0..<width {
                    let x0 = Int(Double(x) * sx), x1 = max(x0 + 1, min(image.width, Int(Double(x + 1) * sx)))
                    var sum = 0, count = 0
                    for yy in y0..<min(y1, image.height) {
                        let row = yy * image.width
                        for xx in x0..<min(x1, image.width) {
                            sum += Int(src[row + xx])
                            count += 1
                        }
                    }
                    out[y * width + x] = count > 0 ? UInt8(sum / count) : 255
                }
            }
        }
        return out
    }

    /// Stretches the darkest ink to black and the paper to white.
    static func stretched(_ pixels: [UInt8]) -> [UInt8] {
        guard let low = pixels.min(), let high = pixels.max(), high > low, high - low < 250 else { return pixels }
        let range = Int(high - low)
        return pixels.map { UInt8((Int($0 - low) * 255) / range) }
    }
}
