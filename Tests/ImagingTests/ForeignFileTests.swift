import Foundation
import Imaging
import Raster
import Testing

let imageMagick = ["/usr/local/bin/convert", "/usr/bin/convert"].first {
    FileManager.default.isExecutableFile(atPath: $0)
}

/// Files written by another encoder (ImageMagick) in the variants scanners
/// produce: 16-bit, RGB(A), palette, CMYK, progressive, interlaced, JPEG-in-TIFF.
@Suite(.enabled(if: imageMagick != nil, "ImageMagick convert is not installed"))
struct ForeignFileTests {

    static let variants: [(name: String, options: [String])] = [
        ("grey16.png", ["-depth", "16"]),
        ("rgba.png", ["-type", "TrueColorAlpha"]),
        ("PNG8:palette.png", ["-colors", "64"]),
        ("interlaced.png", ["-type", "TrueColor", "-interlace", "PNG"]),
        ("cmyk.jpg", ["-colorspace", "CMYK"]),
        ("progressive.jpg", ["-type", "TrueColor", "-interlace", "Plane"]),
        ("grey16.tif", ["-depth", "16", "-compress", "lzw"]),
        ("rgb-jpeg.tif", ["-type", "TrueColor", "-compress", "jpeg"]),
        ("bilevel-g4.tif", ["-threshold", "50%", "-type", "Bilevel", "-compress", "group4"]),
    ]

    @Test(arguments: variants.map(\.name))
    func loadsAsAGreyGradient(name: String) throws {
        let dir = try ScratchDirectory()
        let path = dir.file(name.replacingOccurrences(of: "PNG8:", with: ""))
        let options = try #require(Self.variants.first { $0.name == name }).options
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(imageMagick))
        let output = name.hasPrefix("PNG8:") ? "PNG8:" + path : path
        process.arguments = ["-size", "120x90", "gradient:black-white"] + options + [output]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)

        let page = try #require(try ScanLoader().load(path).pages.first)
        #expect(page.image.width == 120 && page.image.height == 90)
        func rowMean(_ y: Int) -> Int { (0..<120).map { Int(page.image[$0, y]) }.reduce(0, +) / 120 }
        // Black at the top, white at the bottom, whatever the colour model.
        #expect(rowMean(1) < 40)
        #expect(rowMean(88) > 215)
    }
}
