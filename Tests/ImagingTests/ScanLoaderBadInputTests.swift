import CLeptonica
import Foundation
import Raster
import Testing

@testable import Imaging

/// Bad files must give a Swedish error naming the file, never a crash.
@Suite struct ScanLoaderBadInputTests {
    let loader = ScanLoader()

    func loadError(_ path: String) -> ImagingError? {
        let error = #expect(throws: ImagingError.self) { try loader.load(path) }
        #expect(error?.description.contains(path) == true)
        return error
    }

    @Test func emptyFile() throws {
        let dir = try ScratchDirectory()
        let path = dir.write("tom.png", [])
        #expect(loadError(path) == .emptyFile(file: path))
    }

    @Test func missingFileAndDirectory() throws {
        let dir = try ScratchDirectory()
        guard case .unreadable? = loadError(dir.file("finns-inte.png")) else {
            Issue.record("missing")
            return
        }
        guard case .unreadable? = loadError(dir.path) else {
            Issue.record("directory")
            return
        }
    }

    @Test func textFileNamedPNG() throws {
        let dir = try ScratchDirectory()
        let path = dir.write("anteckning.png", Array("Det här är ingen bild.\n".utf8))
        #expect(loadError(path) == .unsupportedFormat(file: path))
        #expect(ImagingError.unsupportedFormat(file: path).description.contains("format som inte stöds"))
    }

    @Test func unsupportedGIF() throws {
        let dir = try ScratchDirectory()
        let path = dir.write("bild.gif", Array("GIF89a".utf8) + [UInt8](repeating: 0, count: 64))
        #expect(loadError(path) == .unsupportedFormat(file: path))
    }

    @Test func truncatedPNGAndJPEG() throws {
        let dir = try ScratchDirectory()
        let pix = try ScanFiles.pix(ScanFiles.pattern(width: 300, height: 200))
        for (name, format) in [("halv.png", IFF_PNG), ("halv.jpg", IFF_JFIF_JPEG)] {
            let bytes = try ScanFiles.encode(pix, format: Int32(format))
            let path = dir.write(name, Array(bytes.prefix(bytes.count / 2)))
            guard case .damaged? = loadError(path) else {
                Issue.record("\(name) not damaged")
                continue
            }
        }
        let header = try ScanFiles.encode(pix, format: Int32(IFF_PNG)).prefix(20)
        guard case .damaged? = loadError(dir.write("huvud.png", Array(header))) else {
            Issue.record("header")
            return
        }
    }

    @Test func hugeImagesAreRefusedFromTheHeader() throws {
        let dir = try ScratchDirectory()
        // A PNG signature and IHDR claiming 30000 × 30000, followed by nothing useful.
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
        png += [0, 0, 0x75, 0x30, 0, 0, 0x75, 0x30, 8, 0, 0, 0, 0, 0, 0, 0, 0]
        let pngPath = dir.write("stor.png", png)
        #expect(
            loadError(pngPath)
                == .tooLarge(
                    file: pngPath, page: nil, width: 30000, height: 30000,
                    maxSide: loader.limits.maxSide, maxPixels: loader.limits.maxPixels))
        // A JPEG whose start-of-frame claims 30000 × 30000.
        let jpeg: [UInt8] = [
            0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 11, 8, 0x75, 0x30, 0x75, 0x30, 1, 1, 0x11, 0,
        ]
        let jpegPath = dir.write("stor.jpg", jpeg)
        guard case .tooLarge(_, _, 30000, 30000, _, _)? = loadError(jpegPath) else {
            Issue.record("jpeg")
            return
        }
    }

    @Test func oneHugeTIFFPageDoesNotLoseTheOthers() throws {
        let dir = try ScratchDirectory()
        let images = (0..<3).map { ScanFiles.pattern(seed: $0) }
        let path = dir.file("bunt.tif")
        try ScanFiles.multipageTIFF(images.map { try ScanFiles.pix($0) }, at: path)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        try Self.setTIFFWidth(&bytes, page: 1, to: 30000)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let document = try loader.load(path)
        #expect(document.pages.map(\.pageNumber) == [1, 3])
        #expect(document.pages.map(\.image) == [images[0], images[2]])
        guard case .tooLarge(_, 2, 30000, _, _, _)? = document.pageErrors.first else {
            Issue.record("expected page 2 too large, got \(document.pageErrors)")
            return
        }
        #expect(document.pageErrors.first?.description.contains("sida 2") == true)
    }

    @Test func truncatedTIFFs() throws {
        let dir = try ScratchDirectory()
        let images = (0..<3).map { ScanFiles.pattern(width: 200, height: 150, seed: $0) }
        let path = dir.file("bunt.tif")
        try ScanFiles.multipageTIFF(images.map { try ScanFiles.pix($0) }, at: path)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        // Cut inside the last page: the first pages survive, the rest is reported.
        let cut = dir.write("avkortad.tif", Array(bytes.prefix(bytes.count - 40)))
        let document = try loader.load(cut)
        #expect(document.pages.first?.image == images[0])
        #expect(!document.pageErrors.isEmpty)
        #expect(document.pages.count + document.pageErrors.count >= 3)
        // Cut inside the header: nothing to read.
        guard case .damaged? = loadError(dir.write("huvud.tif", Array(bytes.prefix(6)))) else {
            Issue.record("header")
            return
        }
        // Only the first strip's bytes: the directory is gone.
        guard case .damaged? = loadError(dir.write("halv.tif", Array(bytes.prefix(bytes.count / 4)))) else {
            Issue.record("quarter")
            return
        }
    }

    @Test func truncatedPDFAndPDFWithoutPages() throws {
        let dir = try ScratchDirectory()
        let path = dir.file("hel.pdf")
        try ScanFiles.pdf([try ScanFiles.pix(ScanFiles.pattern())], dpi: 100, at: path)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let cut = dir.write("avkortad.pdf", Array(bytes.prefix(bytes.count / 3)))
        guard case .damaged? = loadError(cut) else {
            Issue.record("truncated pdf")
            return
        }

        let empty = dir.write("tom.pdf", Array(Self.pdfWithoutPages.utf8))
        #expect(loadError(empty) == .noPages(file: empty))
        #expect(ImagingError.noPages(file: empty).description == "PDF-filen \(empty) innehåller inga sidor.")
    }

    @Test func tooManyPagesAreRefusedBeforeDecoding() throws {
        let dir = try ScratchDirectory()
        let pages = try (0..<3).map { try ScanFiles.pix(ScanFiles.pattern(seed: $0)) }
        let tiff = dir.file("bunt.tif"), pdf = dir.file("bunt.pdf")
        try ScanFiles.multipageTIFF(pages, at: tiff)
        try ScanFiles.pdf(pages, dpi: 100, at: pdf)
        let strict = ScanLoader(limits: ScanLoader.Limits(maxPages: 2))
        for path in [tiff, pdf] {
            let error = #expect(throws: ImagingError.self) { try strict.load(path) }
            #expect(error == .tooManyPages(file: path, max: 2))
            #expect(error?.description.contains("fler än 2 sidor") == true)
        }
    }

    @Test func hugePDFPageIsRefusedAndTheOtherPageKept() throws {
        let dir = try ScratchDirectory()
        // Page 1 is a blank A4, page 2 is 100 × 100 inches (30000 px at 300 dpi).
        let path = dir.write("jattesida.pdf", Array(Self.pdfWithHugeSecondPage.utf8))
        let document = try ScanLoader().load(path)
        #expect(document.pages.map(\.pageNumber) == [1])
        #expect(document.pages.first.map { ($0.image.width, $0.image.height) } ?? (0, 0) == (2480, 3508))
        guard case .tooLarge(_, 2, 30000, 30000, _, _)? = document.pageErrors.first else {
            Issue.record("expected page 2 too large, got \(document.pageErrors)")
            return
        }
    }

    static let pdfWithHugeSecondPage = """
        %PDF-1.4
        1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
        2 0 obj << /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >> endobj
        3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595.2 841.92] >> endobj
        4 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 7200 7200] >> endobj
        trailer << /Root 1 0 R >>
        %%EOF

        """

    static let pdfWithoutPages = """
        %PDF-1.4
        1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
        2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj
        trailer << /Root 1 0 R >>
        %%EOF

        """

    /// Overwrites the ImageWidth tag of one page of a little-endian TIFF.
    static func setTIFFWidth(_ b: inout [UInt8], page: Int, to width: Int) throws {
        func u16(_ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
        func u32(_ i: Int) -> Int { u16(i) | u16(i + 2) << 16 }
        var offset = u32(4)
        for _ in 0..<page { offset = u32(offset + 2 + u16(offset) * 12) }
        for e in 0..<u16(offset) where u16(offset + 2 + e * 12) == 256 {
            let entry = offset + 2 + e * 12
            b[entry + 2] = 4
            b[entry + 3] = 0  // type LONG
            for k in 0..<4 { b[entry + 8 + k] = UInt8((width >> (8 * k)) & 0xFF) }
            return
        }
        throw LeptonicaWriteError(what: "no ImageWidth tag")
    }
}
