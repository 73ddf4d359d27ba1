import Foundation
import Raster

/// Renders text with ImageMagick's `convert` for OCR tests, when it is installed.
public enum ImageMagick {
    public static let convert: String? = ["/usr/bin/convert", "/usr/local/bin/convert", "/opt/homebrew/bin/convert"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    public static var isAvailable: Bool { convert != nil }

    /// `text` rendered in DejaVu Sans at `pointSize` (72 dpi), black on white.
    public static func render(_ text: String, pointSize: Int, font: String = "DejaVu-Sans") throws -> GreyImage {
        try run(["-font", font, "-pointsize", String(pointSize), "label:\(text)", "-depth", "8", "pgm:-"])
    }

    /// `text` centred in a white width × height crop, as in a comb box.
    public static func box(_ text: String, width: Int, height: Int, pointSize: Int) throws -> GreyImage {
        try run([
            "-size", "\(width)x\(height)", "xc:white", "-font", "DejaVu-Sans", "-pointsize", String(pointSize),
            "-gravity", "center", "-annotate", "+0+0", text, "-depth", "8", "pgm:-",
        ])
    }

    /// An image file (any format ImageMagick reads) as an 8-bit grey image.
    public static func grey(file: String) throws -> GreyImage {
        try run([file, "-alpha", "off", "-colorspace", "Gray", "-depth", "8", "pgm:-"])
    }

    private static func run(_ arguments: [String]) throws -> GreyImage {
        guard let convert else { throw TestImageError.noImageMagick }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: convert)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestImageError.convertFailed(process.terminationStatus) }
        return try PGM.decode(data)
    }
}

enum TestImageError: Error {
    case noImageMagick
    case convertFailed(Int32)
    case notPGM
    case fixtureMissing(String)
}

/// Binary PGM (P5, 8-bit) decoding.
enum PGM {
    public static func decode(_ data: Data) throws -> GreyImage {
        let bytes = [UInt8](data)
        var fields: [Int] = []
        var index = 2
        guard bytes.count > 2, bytes[0] == UInt8(ascii: "P"), bytes[1] == UInt8(ascii: "5") else {
            throw TestImageError.notPGM
        }
        while fields.count < 3, index < bytes.count {
            if bytes[index] == UInt8(ascii: "#") {
                while index < bytes.count, bytes[index] != 10 { index += 1 }
            } else if (48...57).contains(bytes[index]) {
                var value = 0
                while index < bytes.count, (48...57).contains(bytes[index]) {
                    value = value * 10 + Int(bytes[index] - 48)
                    index += 1
                }
                fields.append(value)
                continue
            }
            index += 1
        }
        // One whitespace character ends the header; the pixels follow it.
        index += 1
        guard fields.count == 3 else { throw TestImageError.notPGM }
        let (width, height) = (fields[0], fields[1])
        guard fields[2] == 255, bytes.count - index >= width * height else {
            throw TestImageError.notPGM
        }
        return GreyImage(width: width, height: height, pixels: Array(bytes[index..<(index + width * height)]))
    }
}

/// Raw grey fixtures named `text-NAME-WIDTHxHEIGHT.gray`.
public enum GrayFixture {
    public static func load(_ name: String) throws -> GreyImage {
        let folder = RepositoryPaths.root.appendingPathComponent("Tests/RecognitionTests/Fixtures")
        guard
            let file = try FileManager.default.contentsOfDirectory(atPath: folder.path)
                .first(where: { $0.hasPrefix(name + "-") && $0.hasSuffix(".gray") })
        else {
            throw TestImageError.fixtureMissing(name)
        }
        let size = file.dropFirst(name.count + 1).dropLast(5).split(separator: "x").compactMap { Int($0) }
        let data = try Data(contentsOf: folder.appendingPathComponent(file))
        guard size.count == 2, data.count == size[0] * size[1] else { throw TestImageError.fixtureMissing(file) }
        return GreyImage(width: size[0], height: size[1], pixels: [UInt8](data))
    }
}

extension GreyImage {
    /// This image placed on white paper inside a printed field outline, as a
    /// field crop would be: `margin` pixels of paper, a grey border `line` thick.
    public func inFieldOutline(margin: Int, line: Int = 2, border: UInt8 = 90) -> GreyImage {
        let outer = margin + line + 2
        var page = GreyImage(width: width + 2 * outer, height: height + 2 * outer, fill: 255)
        for y in 0..<height { for x in 0..<width { page[x + outer, y + outer] = self[x, y] } }
        for y in 0..<page.height {
            for x in 0..<page.width {
                let inLine =
                    (x >= 2 && x < 2 + line) || (x >= page.width - 2 - line && x < page.width - 2)
                    || (y >= 2 && y < 2 + line) || (y >= page.height - 2 - line && y < page.height - 2)
                let inside = x >= 2 && x < page.width - 2 && y >= 2 && y < page.height - 2
                if inLine && inside { page[x, y] = border }
            }
        }
        return page
    }
}
