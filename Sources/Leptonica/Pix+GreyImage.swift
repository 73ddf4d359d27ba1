import CLeptonica
import Raster

extension Pix {
    /// An 8 bpp Leptonica image holding the pixels of `image`.
    public convenience init(_ image: GreyImage) throws {
        _ = Pix.silenced
        guard image.width > 0, image.height > 0 else {
            throw LeptonicaError(operation: "tom bild")
        }
        guard let created = pixCreate(Int32(image.width), Int32(image.height), 8) else {
            throw LeptonicaError(operation: "pixCreate \(image.width)×\(image.height)")
        }
        self.init(owning: created)
        try withRows { row, y in
            for x in 0..<image.width { row[Self.byteIndex(x)] = image.pixels[y * image.width + x] }
        }
    }

    /// The image as 8-bit grey whatever its depth: 1 bpp, 2/4/8 bpp grey or
    /// colormapped, 16 bpp, 32 bpp RGB (luminance).
    public func greyImage() throws -> GreyImage {
        _ = Pix.silenced
        let grey: Pix
        if depth == 8, pixGetColormap(pointer) == nil {
            grey = self
        } else {
            grey = try derive("pixConvertTo8 från \(depth) bpp") { pixConvertTo8($0, 0) }
        }
        var pixels = [UInt8](repeating: 255, count: grey.width * grey.height)
        let w = grey.width
        try grey.withRows { row, y in
            for x in 0..<w { pixels[y * w + x] = row[Self.byteIndex(x)] }
        }
        return GreyImage(width: w, height: grey.height, pixels: pixels)
    }

    /// Calls `body` with each 8 bpp row as bytes in Leptonica's word order.
    private func withRows(_ body: (UnsafeMutablePointer<UInt8>, Int) -> Void) throws {
        guard depth == 8, let data = pixGetData(pointer) else {
            throw LeptonicaError(operation: "pixGetData")
        }
        let wpl = Int(pixGetWpl(pointer))
        let bytes = UnsafeMutableRawPointer(data).assumingMemoryBound(to: UInt8.self)
        for y in 0..<height { body(bytes + y * wpl * 4, y) }
    }

    /// Leptonica packs pixels into native 32-bit words, the first pixel in the
    /// most significant byte.
    @inline(__always)
    private static func byteIndex(_ x: Int) -> Int {
        #if _endian(little)
            return x ^ 3
        #else
            return x
        #endif
    }
}
