import Foundation

/// The scan file formats the loader accepts, recognised by their magic bytes.
public enum ScanFormat: String, Sendable, Equatable {
    case png, jpeg, tiff, pdf

    /// The format whose signature starts `data` (a PDF may have up to 1 KiB of
    /// junk before `%PDF-`), or nil.
    public static func detect(_ data: Data) -> ScanFormat? {
        let head = [UInt8](data.prefix(1024))
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: [0x49, 0x49, 0x2A, 0x00]) || head.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) { return .tiff }
        let pdf: [UInt8] = Array("%PDF-".utf8)
        if head.count >= pdf.count {
            for i in 0...(head.count - pdf.count) where head[i] == pdf[0] {
                if Array(head[i..<(i + pdf.count)]) == pdf { return .pdf }
            }
        }
        return nil
    }
}

/// Width and height read from an image header without decoding the pixels.
struct ImageDimensions: Equatable {
    var width: Int
    var height: Int
    /// Colour components (JPEG only: 1 grey, 3 YCbCr/RGB, 4 CMYK/YCCK).
    var components: Int? = nil
}

/// Header readers for the raster formats; they throw `HeaderProblem` with a
/// Swedish detail text that the loader wraps with the file name.
enum ImageHeader {
    struct Problem: Error { let detail: String }

    /// PNG: the IHDR chunk must come first.
    static func png(_ bytes: [UInt8]) throws -> ImageDimensions {
        guard bytes.count >= 33, bytes[12..<16].elementsEqual("IHDR".utf8) else {
            throw Problem(detail: "PNG-huvudet (IHDR) saknas")
        }
        return ImageDimensions(width: Int(bigEndian32(bytes, 16)), height: Int(bigEndian32(bytes, 20)))
    }

    /// Whether the PNG's chunks run on to IEND, so a cut-off file is caught
    /// here rather than by libpng (which prints to stderr).
    static func pngIsComplete(_ bytes: [UInt8]) -> Bool {
        var offset = 8
        while offset + 12 <= bytes.count {
            if bytes[(offset + 4)..<(offset + 8)].elementsEqual("IEND".utf8) { return true }
            offset += 12 + Int(bigEndian32(bytes, offset))
        }
        return false
    }

    /// Whether the JPEG ends with its end-of-image marker (allowing a little padding).
    static func jpegIsComplete(_ bytes: [UInt8]) -> Bool {
        let tail = bytes.suffix(64)
        return zip(tail, tail.dropFirst()).contains { $0 == 0xFF && $1 == 0xD9 }
    }

    /// JPEG: walks the markers up to the first start-of-frame segment.
    static func jpeg(_ bytes: [UInt8]) throws -> ImageDimensions {
        var i = 2
        while i + 1 < bytes.count {
            guard bytes[i] == 0xFF else { throw Problem(detail: "ogiltig JPEG-markör") }
            var marker = bytes[i + 1]
            i += 2
            while marker == 0xFF, i < bytes.count {
                marker = bytes[i]
                i += 1
            }
            if marker == 0x01 || (0xD0...0xD7).contains(marker) { continue }
            guard marker != 0xDA, marker != 0xD9 else { break }
            guard i + 2 <= bytes.count else { break }
            let length = Int(bigEndian16(bytes, i))
            guard length >= 2 else { throw Problem(detail: "ogiltig JPEG-segmentlängd") }
            let isFrame = (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker)
            if isFrame {
                guard i + 8 <= bytes.count else { break }
                let height = Int(bigEndian16(bytes, i + 3)), width = Int(bigEndian16(bytes, i + 5))
                guard width > 0, height > 0 else { throw Problem(detail: "JPEG-bilden saknar storlek") }
                return ImageDimensions(width: width, height: height, components: Int(bytes[i + 7]))
            }
            i += length
        }
        throw Problem(detail: "JPEG-huvudet (SOF) saknas")
    }

    static func bigEndian16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) << 8 | UInt16(b[i + 1]) }
    static func bigEndian32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
    }
}
