import CLeptonica
import Foundation
import Leptonica
import Raster
import TestSupport
import Testing

@testable import Imaging

@Suite struct ScanLoaderTests {
    let loader = ScanLoader()

    @Test func readsPNGWithItsResolution() throws {
        let dir = try ScratchDirectory()
        let image = ScanFiles.pattern()
        let path = dir.write("sida.png", try ScanFiles.encode(ScanFiles.pix(image, dpi: 300), format: Int32(IFF_PNG)))
        let document = try loader.load(path)
        #expect(document.format == .png)
        #expect(document.pages.count == 1 && document.pageErrors.isEmpty)
        #expect(document.pages.first?.image == image)
        #expect(document.pages.first?.dpi == 300)
    }

    @Test func detectsTheFormatFromTheBytesNotTheName() throws {
        let dir = try ScratchDirectory()
        let image = ScanFiles.pattern()
        let path = dir.write("skanning.pdf", try ScanFiles.encode(ScanFiles.pix(image), format: Int32(IFF_PNG)))
        let document = try loader.load(path)
        #expect(document.format == .png)
        #expect(document.pages.first?.image == image)
    }

    @Test func readsJPEG() throws {
        let dir = try ScratchDirectory()
        let image = ScanFiles.pattern()
        let path = dir.write(
            "sida.jpg", try ScanFiles.encode(ScanFiles.pix(image, dpi: 200), format: Int32(IFF_JFIF_JPEG)))
        let document = try loader.load(path)
        let page = try #require(document.pages.first)
        #expect(document.format == .jpeg)
        #expect(page.image.width == image.width && page.image.height == image.height)
        #expect(page.dpi == 200)
        let meanError =
            zip(page.image.pixels, image.pixels).map { abs(Int($0) - Int($1)) }.reduce(0, +) / image.pixels.count
        #expect(meanError < 8)
    }

    @Test func readsEveryPageOfAMultipageTIFF() throws {
        let dir = try ScratchDirectory()
        let images = (0..<3).map { ScanFiles.pattern(seed: $0) }
        let path = dir.file("bunt.tif")
        try ScanFiles.multipageTIFF(images.map { try ScanFiles.pix($0, dpi: 300) }, at: path)
        let document = try loader.load(path)
        #expect(document.format == .tiff)
        #expect(document.pages.map(\.pageNumber) == [1, 2, 3])
        #expect(document.pages.map(\.image) == images)
        #expect(document.pages.allSatisfy { $0.dpi == 300 })
    }

    @Test func readsA1BitFaxTIFF() throws {
        let dir = try ScratchDirectory()
        let image = ScanFiles.pattern()
        let binary = try Leptonica.Pix(image).derive("threshold") { pixThresholdToBinary($0, 128) }
        let path = dir.file("fax.tif")
        try ScanFiles.multipageTIFF([binary], at: path, compression: Int32(IFF_TIFF_G4))
        let page = try #require(try loader.load(path).pages.first)
        #expect(page.image.pixels == image.pixels.map { $0 < 128 ? 0 : 255 })
    }

    @Test func rasterisesEveryPDFPageAt300DPI() throws {
        let dir = try ScratchDirectory()
        let images = (0..<2).map { ScanFiles.pattern(seed: $0) }
        let path = dir.file("skanning.pdf")
        try ScanFiles.pdf(images.map { try ScanFiles.pix($0) }, dpi: 100, at: path)
        let document = try loader.load(path)
        #expect(document.format == .pdf)
        #expect(document.pages.map(\.pageNumber) == [1, 2])
        for page in document.pages {
            // 120 × 90 px embedded at 100 dpi: 1.2 × 0.9 in, so 360 × 270 px at 300 dpi.
            #expect(page.dpi == 300)
            // (Leptonica rounds the page size to whole points: ±2 px.)
            #expect(abs(page.image.width - 360) <= 2 && abs(page.image.height - 270) <= 2)
        }
        // The black bar (10…50 × 10…20 px at 100 dpi) is black at 300 dpi.
        #expect(document.pages.first.map { $0.image[90, 45] } ?? 255 < 40)
    }

    @Test func streamsPagesOneByOne() throws {
        let dir = try ScratchDirectory()
        let images = (0..<3).map { ScanFiles.pattern(seed: $0) }
        let tiff = dir.file("bunt.tif")
        try ScanFiles.multipageTIFF(images.map { try ScanFiles.pix($0) }, at: tiff)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: tiff)))
        var seen: [Int] = []
        let scan = try loader.forEachPage(of: bytes, name: "bunt.tif") { seen.append(try $0.get().pageNumber) }
        #expect(scan.format == .tiff && scan.pageCount == 3 && seen == [1, 2, 3])
        // Pages already stored are not decoded at all.
        seen = []
        _ = try loader.forEachPage(of: bytes, name: "bunt.tif", skipping: [1, 3]) {
            seen.append(try $0.get().pageNumber)
        }
        #expect(seen == [2])
        // The caller can stop early by throwing.
        struct Enough: Error {}
        seen = []
        #expect(throws: Enough.self) {
            try loader.forEachPage(of: bytes, name: "bunt.tif") {
                seen.append(try $0.get().pageNumber)
                throw Enough()
            }
        }
        #expect(seen == [1])
    }

    /// PDF pages are rendered in memory: nothing is written anywhere, pages
    /// already stored are skipped unrendered, and a password-protected PDF
    /// gets its own message.
    @Test func pdfPagesAreRenderedInMemoryAndSkippedWhenStored() throws {
        let dir = try ScratchDirectory()
        let pdf = dir.file("bunt.pdf")
        try ScanFiles.pdf((0..<3).map { try ScanFiles.pix(ScanFiles.pattern(seed: $0)) }, dpi: 100, at: pdf)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: pdf)))
        let before = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).count
        var pages: [Int] = []
        let scan = try ScanLoader(pdfDPI: 150).forEachPage(of: bytes, name: "bunt.pdf", skipping: [2]) {
            let page = try $0.get()
            pages.append(page.pageNumber)
            #expect(page.dpi == 150 && abs(page.image.width - 180) <= 2)
        }
        #expect(scan.format == .pdf && scan.pageCount == 3 && pages == [1, 3])
        #expect(try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).count == before)
        struct Stop: Error {}
        #expect(throws: Stop.self) { try loader.forEachPage(of: bytes, name: "bunt.pdf") { _ in throw Stop() } }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/qpdf")))
    func anEncryptedPDFIsCalledEncrypted() throws {
        let dir = try ScratchDirectory()
        let pdf = dir.file("bunt.pdf"), locked = dir.file("last.pdf")
        try ScanFiles.pdf([try ScanFiles.pix(ScanFiles.pattern(seed: 1))], dpi: 100, at: pdf)
        _ = try runTool("/usr/bin/qpdf", ["--encrypt", "hemligt", "hemligt", "256", "--", pdf, locked])
        let error = #expect(throws: ImagingError.self) { try loader.load(locked) }
        #expect(error == .encrypted(file: locked))
        #expect(error?.description.contains("krypterad") == true)
    }
}
