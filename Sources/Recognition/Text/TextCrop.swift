import Raster

/// A text field's crop made ready for Tesseract: printed lines erased, paper
/// whitened, cut to the writing, scaled so the x-height is about
/// `targetXHeight` pixels, padded with white.
struct TextCrop {
    /// The prepared image; nil when the field holds no writing.
    var image: GreyImage?
    /// Lines of writing found.
    var lineCount: Int

    /// Ink pieces smaller than this fraction of the crop's height are specks,
    /// not writing (a 1 mm piece in an 8 mm field is 0.12).
    static let speckExtent = 0.1
    /// Typical line height (ascender to descender) over the x-height.
    static let lineToXHeight = 1.6

    init(_ crop: GreyImage, targetXHeight: Double = 30) {
        var mask = InkMask(crop)
        mask.eraseRulingLines()
        let whole = PixelRect(x: 0, y: 0, width: crop.width, height: crop.height)
        let pieces = mask.components(in: whole)
        let writing = pieces.filter { Double($0.extent) >= TextCrop.speckExtent * Double(crop.height) }
        guard !writing.isEmpty else {
            image = nil
            lineCount = 0
            return
        }
        // Keep small pieces (dots, commas) only near the writing.
        guard let writingBox = TextCrop.bounds(of: writing) else {
            image = nil
            lineCount = 0
            return
        }
        let reach = max(2, writingBox.height / 4)
        let kept = pieces.filter {
            $0.maxX >= writingBox.x - reach && $0.minX < writingBox.maxX + reach
                && $0.maxY >= writingBox.y - reach && $0.minY < writingBox.maxY + reach
        }
        let box = TextCrop.bounds(of: kept) ?? writingBox
        var cleaned = GreyImage(width: box.width, height: box.height)
        for y in 0..<box.height {
            for x in 0..<box.width where mask[box.x + x, box.y + y] {
                cleaned[x, y] = crop[box.x + x, box.y + y]
            }
        }
        let lines = TextCrop.lineHeights(mask, in: box)
        lineCount = max(1, lines.count)
        let lineHeight = lines.isEmpty ? Double(box.height) : lines.sorted()[lines.count / 2]
        let scale = min(4, max(0.5, targetXHeight * TextCrop.lineToXHeight / max(1, lineHeight)))
        let scaled = abs(scale - 1) < 0.15 ? cleaned : TextCrop.resized(cleaned, scale: scale)
        image = TextCrop.padded(scaled, by: Int(targetXHeight * 0.6))
    }

    /// The bounding box of the pieces, nil for none.
    static func bounds(of pieces: [InkComponent]) -> PixelRect? {
        guard let minX = pieces.map(\.minX).min(), let maxX = pieces.map(\.maxX).max(),
            let minY = pieces.map(\.minY).min(), let maxY = pieces.map(\.maxY).max()
        else { return nil }
        return PixelRect(x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1)
    }

    /// Heights of the text lines: runs of inked rows, joining short gaps
    /// (between an accent and its letter) and ignoring thin runs (stray dots).
    static func lineHeights(_ mask: InkMask, in box: PixelRect) -> [Double] {
        let rows = mask.rowCounts(columns: box.x..<box.maxX)[box.y..<box.maxY].map { Double($0) }
        let bands = LineBand.find(in: Array(rows), threshold: 1, bridging: max(1, box.height / 40))
        let tallest = bands.map(\.thickness).max() ?? 0
        return bands.filter { Double($0.thickness) >= 0.35 * Double(tallest) }.map { Double($0.thickness) }
    }

    /// Bilinear resampling by `scale`.
    static func resized(_ image: GreyImage, scale: Double) -> GreyImage {
        let width = max(1, Int((Double(image.width) * scale).rounded()))
        let height = max(1, Int((Double(image.height) * scale).rounded()))
        var out = GreyImage(width: width, height: height)
        for y in 0..<height {
            let sy = min(Double(image.height - 1), max(0, (Double(y) + 0.5) / scale - 0.5))
            let y0 = Int(sy), y1 = min(image.height - 1, y0 + 1), fy = sy - Double(y0)
            for x in 0..<width {
                let sx = min(Double(image.width - 1), max(0, (Double(x) + 0.5) / scale - 0.5))
                let x0 = Int(sx), x1 = min(image.width - 1, x0 + 1), fx = sx - Double(x0)
                let top = Double(image[x0, y0]) * (1 - fx) + Double(image[x1, y0]) * fx
                let bottom = Double(image[x0, y1]) * (1 - fx) + Double(image[x1, y1]) * fx
                out[x, y] = UInt8((top * (1 - fy) + bottom * fy).rounded())
            }
        }
        return out
    }

    static func padded(_ image: GreyImage, by margin: Int) -> GreyImage {
        var out = GreyImage(width: image.width + 2 * margin, height: image.height + 2 * margin)
        for y in 0..<image.height {
            for x in 0..<image.width { out[x + margin, y + margin] = image[x, y] }
        }
        return out
    }
}
