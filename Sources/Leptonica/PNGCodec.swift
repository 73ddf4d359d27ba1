import CLeptonica
import Foundation
import Raster

/// PNG bytes for small images stored in the workspace database (field crops,
/// page previews), and back.
public enum PNGCodec {
    /// Encodes `image` as an 8-bit grey PNG, first scaled by `scale` (< 1 to shrink).
    public static func encode(_ image: GreyImage, scale: Double = 1) throws -> [UInt8] {
        guard !image.isEmpty else { throw LeptonicaError(operation: "PNG av en tom bild") }
        var pix = try Pix(image)
        if scale < 0.999 { pix = try pix.scaled(by: scale) }
        var bytes: UnsafeMutablePointer<UInt8>? = nil
        var size = 0
        let status = withExtendedLifetime(pix) { pixWriteMem(&bytes, &size, pix.pointer, Int32(IFF_PNG)) }
        guard status == 0, let bytes else { throw LeptonicaError(operation: "pixWriteMem PNG") }
        defer { free(bytes) }
        return Array(UnsafeBufferPointer(start: bytes, count: size))
    }

    /// Decodes PNG bytes made by `encode` (or any PNG Leptonica reads) to grey.
    public static func decode(_ png: [UInt8]) throws -> GreyImage {
        _ = Pix.silenced
        let pointer = png.withUnsafeBufferPointer { buffer in
            pixReadMem(buffer.baseAddress, buffer.count)
        }
        return try Pix.taking(pointer, "pixReadMem PNG").greyImage()
    }
}
