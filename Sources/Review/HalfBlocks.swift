import Raster

/// How many colours the terminal shows.
public enum ColourDepth: Sendable, Equatable {
    case trueColour, palette256

    /// 24-bit when `COLORTERM` says so, else the 256-colour palette's grey ramp.
    public static func detect(_ environment: [String: String]) -> ColourDepth {
        let colorterm = environment["COLORTERM"]?.lowercased() ?? ""
        return colorterm.contains("truecolor") || colorterm.contains("24bit") ? .trueColour : .palette256
    }
}

/// An image drawn as terminal text, one string per cell row.
public struct BlockImage: Sendable {
    public var lines: [String]
    public var columns: Int
}

/// Draws a greyscale image as text where the terminal shows no images: with
/// Unicode upper half blocks in grey (each cell two pixels, the top one in
/// the foreground colour, the bottom one in the background), or without
/// colour (`NO_COLOR`) as shade characters, one cell per two pixels.
public struct HalfBlocks {
    /// nil: no colour, shades.
    public let depth: ColourDepth?
    private let foreground: [String]
    private let background: [String]

    /// A cell holds one pixel across and two down.
    public static let cell = (width: 1, height: 2)

    public init(depth: ColourDepth?) {
        self.depth = depth
        foreground = depth.map { d in (0..<256).map { Self.code(UInt8($0), depth: d, layer: 38) } } ?? []
        background = depth.map { d in (0..<256).map { Self.code(UInt8($0), depth: d, layer: 48) } } ?? []
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

    /// The image fitted into `columns` × `rows` cells (aspect kept, contrast stretched).
    public func render(_ image: GreyImage, columns: Int, rows: Int) -> BlockImage {
        guard !image.isEmpty, columns > 0, rows > 0 else { return BlockImage(lines: [], columns: 0) }
        let scale = min(Double(columns) / Double(image.width), Double(rows * 2) / Double(image.height))
        let width = max(1, min(columns, Int((Double(image.width) * scale).rounded())))
        let height = max(2, min(rows * 2, Int((Double(image.height) * scale).rounded())))
        return draw(image.resampled(width: width, height: height).contrastStretched())
    }

    /// An image already at its size in pixels (one column, half a row each), as text.
    public func draw(_ pixels: GreyImage) -> BlockImage {
        guard !pixels.isEmpty else { return BlockImage(lines: [], columns: 0) }
        var lines: [String] = []
        lines.reserveCapacity((pixels.height + 1) / 2)
        var y = 0
        while y < pixels.height {
            var line = ""
            line.reserveCapacity(pixels.width * (depth == nil ? 3 : 24))
            var lastTop = -1, lastBottom = -1
            for x in 0..<pixels.width {
                let top = Int(pixels[x, y])
                let bottom = y + 1 < pixels.height ? Int(pixels[x, y + 1]) : 255
                guard depth != nil else {
                    line += Self.shade((top + bottom) / 2)
                    continue
                }
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
            if depth != nil { line += "\u{1b}[0m" }
            lines.append(line)
            y += 2
        }
        return BlockImage(lines: lines, columns: pixels.width)
    }

    /// Ink as shade characters: black ink is a full block, paper a space.
    static func shade(_ grey: Int) -> String {
        switch grey {
        case ..<48: return "█"
        case ..<112: return "▓"
        case ..<176: return "▒"
        case ..<232: return "░"
        default: return " "
        }
    }
}

/// Fits a crop into a screen area, folding a wide crop (a name field is
/// seven times wider than high) into up to four strips stacked one under the
/// other when that shows it larger, as a line of text wraps.
public enum ImageFitting {
    public struct Strip: Sendable {
        /// The strip at its size on screen, in pixels.
        public var image: GreyImage
        /// The cell rows it takes.
        public var rows: Int
    }

    /// Strips of `image` scaled to fit `columns` × `rows` cells of `cell` pixels,
    /// one cell row between strips; never enlarged more than `maximumScale`.
    public static func strips(
        _ image: GreyImage, columns: Int, rows: Int, cell: (width: Int, height: Int),
        maximumStrips: Int = 4, maximumScale: Double = 3
    ) -> [Strip] {
        guard !image.isEmpty, columns > 0, rows > 0, cell.width > 0, cell.height > 0 else { return [] }
        let areaWidth = Double(columns * cell.width)
        // A strip overlaps its neighbours by 3 % of the width, so no letter is cut unseen.
        let overlap = Int(Double(image.width) * 0.03)
        func scale(_ k: Int) -> Double {
            let stripWidth = Double(image.width / k + (k > 1 ? overlap : 0))
            let height = Double((rows - (k - 1)) * cell.height)
            return min(areaWidth / stripWidth, height / Double(k * image.height), maximumScale)
        }
        var best = 1
        for k in stride(from: 2, through: maximumStrips, by: 1)
        where rows - (k - 1) >= k && scale(k) > scale(best) * 1.15 {
            best = k
        }
        let s = scale(best)
        guard s > 0 else { return [] }
        var strips: [Strip] = []
        let step = image.width / best
        for i in 0..<best {
            let x0 = max(0, i * step - (i > 0 ? overlap / 2 : 0))
            let x1 = min(image.width, (i + 1) * step + (i < best - 1 ? overlap / 2 : 0))
            let piece = best == 1 ? image : image.cropped(x: x0, y: 0, width: x1 - x0, height: image.height)
            let width = max(1, Int(Double(piece.width) * s))
            var height = max(1, Int(Double(piece.height) * s))
            // Whole cells: the next strip or the text below starts on a fresh row.
            let cellRows = max(1, (height + cell.height - 1) / cell.height)
            height = min(height, cellRows * cell.height)
            strips.append(Strip(image: piece.resampled(width: width, height: height), rows: cellRows))
        }
        return strips
    }
}
