import CLeptonica
import Foundation
import Leptonica
import Raster

@testable import Imaging

/// A private temporary directory for files made during one test.
final class ScratchDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("imaging-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { "\(path)/\(name)" }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) -> String {
        let target = file(name)
        _ = FileManager.default.createFile(atPath: target, contents: Data(bytes))
        return target
    }
}

struct LeptonicaWriteError: Error { let what: String }

/// Writes test images with the real Leptonica encoders.
enum ScanFiles {
    static func pix(_ image: GreyImage, dpi: Int32 = 0) throws -> Leptonica.Pix {
        let pix = try Leptonica.Pix(image)
        if dpi > 0 { pixSetResolution(pix.pointer, dpi, dpi) }
        return pix
    }

    /// Encodes `pix` in Leptonica format `format` (IFF_PNG, IFF_JFIF_JPEG, IFF_TIFF_ZIP, ...).
    static func encode(_ pix: Leptonica.Pix, format: Int32) throws -> [UInt8] {
        var data: UnsafeMutablePointer<UInt8>?
        var size = 0
        guard pixWriteMem(&data, &size, pix.pointer, format) == 0, let data else {
            throw LeptonicaWriteError(what: "pixWriteMem \(format)")
        }
        defer { lept_free(data) }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// A multi-page TIFF, one page per image.
    static func multipageTIFF(_ pages: [Leptonica.Pix], at path: String, compression: Int32 = Int32(IFF_TIFF_ZIP))
        throws
    {
        for (i, page) in pages.enumerated() {
            guard pixWriteTiff(path, page.pointer, compression, i == 0 ? "w" : "a") == 0 else {
                throw LeptonicaWriteError(what: "pixWriteTiff page \(i + 1)")
            }
        }
    }

    /// A PDF with one page per image, embedded at `dpi`.
    static func pdf(_ pages: [Leptonica.Pix], dpi: Int32, at path: String) throws {
        guard let pixa = pixaCreate(Int32(pages.count)) else { throw LeptonicaWriteError(what: "pixaCreate") }
        defer { avb_pixa_destroy(pixa) }
        for page in pages { pixaAddPix(pixa, page.pointer, Int32(L_COPY)) }
        guard pixaConvertToPdf(pixa, dpi, 1, Int32(L_FLATE_ENCODE), 0, nil, path) == 0 else {
            throw LeptonicaWriteError(what: "pixaConvertToPdf")
        }
    }

    /// A small page with a recognisable pattern: grey gradient plus a black bar.
    static func pattern(width: Int = 120, height: Int = 90, seed: Int = 0) -> GreyImage {
        var image = GreyImage(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width { image[x, y] = UInt8((x * 2 + y + seed * 40) % 256) }
        }
        for y in 10..<min(height, 20) { for x in 10..<min(width, 50 + seed * 10) { image[x, y] = 0 } }
        return image
    }
}
