import CZBar
import Leptonica
import Raster

/// A decoded QR code: its text and its corner points in pixels of the image
/// that was passed to the reader.
public struct SheetCode: Sendable, Equatable {
    public let text: String
    public let corners: [PlanePoint]

    public init(text: String, corners: [PlanePoint]) {
        self.text = text
        self.corners = corners
    }

    public var center: PlanePoint {
        let n = Double(max(corners.count, 1))
        return PlanePoint(x: corners.map(\.x).reduce(0, +) / n, y: corners.map(\.y).reduce(0, +) / n)
    }
}

/// A zbar failure (setting up the scanner or scanning).
public struct SheetCodeError: Error, Sendable, CustomStringConvertible {
    public let operation: String
    public var description: String { "QR-avläsningen misslyckades (\(operation))." }
}

/// Finds the sheet's QR code with zbar: first on the whole page, then on
/// enlarged, binarised crops of the corners where it is printed (top right
/// when the page is upright, bottom left when it lies upside down).
public struct SheetCodeReader: Sendable {
    /// Crop regions as fractions of the page (x, y, width, height) tried when
    /// the full page yields nothing.
    public var fallbackRegions: [PlaneRect]
    /// Enlargements of the fallback crops, tried in order.
    public var upscales: [Double]

    public init(
        fallbackRegions: [PlaneRect] = [
            PlaneRect(x: 0.65, y: 0, width: 0.35, height: 0.25),
            PlaneRect(x: 0, y: 0.75, width: 0.35, height: 0.25),
        ],
        upscales: [Double] = [2, 3]
    ) {
        self.fallbackRegions = fallbackRegions
        self.upscales = upscales
    }

    /// All QR codes found, corners in pixels of `image`.
    public func read(_ image: GreyImage) throws -> [SheetCode] {
        guard !image.isEmpty else { return [] }
        let direct = try Self.scan(image)
        if !direct.isEmpty { return direct }
        for region in fallbackRegions {
            let x = Int(region.x * Double(image.width)), y = Int(region.y * Double(image.height))
            let crop = image.cropped(
                x: x, y: y, width: Int(region.width * Double(image.width)),
                height: Int(region.height * Double(image.height)))
            guard !crop.isEmpty else { continue }
            for scale in upscales {
                let codes = try Self.scanVariants(try Pix(crop).scaled(by: scale).greyImage())
                guard !codes.isEmpty else { continue }
                return codes.map { code in
                    SheetCode(
                        text: code.text,
                        corners: code.corners.map {
                            PlanePoint(x: $0.x / scale + Double(x), y: $0.y / scale + Double(y))
                        })
                }
            }
        }
        return []
    }

    /// Binarised at Otsu's threshold, somewhat below it (blur greys the dark
    /// modules' white neighbours), then the grey image itself.
    private static func scanVariants(_ image: GreyImage) throws -> [SheetCode] {
        let threshold = image.otsuThreshold(step: 3)
        let lower = UInt8(max(0, Int(threshold) - 12))
        for variant in [image.binarised(at: threshold), image.binarised(at: lower), image] {
            let codes = try scan(variant)
            if !codes.isEmpty { return codes }
        }
        return []
    }

    /// One zbar pass over the image, QR codes only.
    static func scan(_ image: GreyImage) throws -> [SheetCode] {
        guard let scanner = zbar_image_scanner_create() else { throw SheetCodeError(operation: "skapa läsare") }
        defer { zbar_image_scanner_destroy(scanner) }
        guard zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0) == 0,
            zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1) == 0
        else {
            throw SheetCodeError(operation: "ställa in QR-läsning")
        }
        guard let zimage = zbar_image_create() else { throw SheetCodeError(operation: "skapa bild") }
        defer { zbar_image_destroy(zimage) }
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: image.pixels.count)
        defer { buffer.deallocate() }
        _ = buffer.initialize(from: image.pixels)
        zbar_image_set_format(zimage, avb_zbar_fourcc_y800())
        zbar_image_set_size(zimage, UInt32(image.width), UInt32(image.height))
        zbar_image_set_data(zimage, buffer.baseAddress, UInt(buffer.count), nil)
        let found = zbar_scan_image(scanner, zimage)
        guard found >= 0 else { throw SheetCodeError(operation: "avläsning") }
        var codes: [SheetCode] = []
        var symbol = zbar_image_first_symbol(zimage)
        while let current = symbol {
            defer { symbol = zbar_symbol_next(current) }
            guard zbar_symbol_get_type(current) == ZBAR_QRCODE, let data = zbar_symbol_get_data(current) else {
                continue
            }
            let length = Int(zbar_symbol_get_data_length(current))
            let text = String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
            let corners = (0..<zbar_symbol_get_loc_size(current)).map {
                PlanePoint(x: Double(zbar_symbol_get_loc_x(current, $0)), y: Double(zbar_symbol_get_loc_y(current, $0)))
            }
            codes.append(SheetCode(text: text, corners: corners))
        }
        return codes
    }
}
