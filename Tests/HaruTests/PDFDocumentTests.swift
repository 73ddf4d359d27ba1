import FormKit
import Foundation
import Raster
import TestSupport
import Testing

@testable import Haru

@Suite("PDF document")
struct PDFDocumentTests {
    @Test("pages have the requested sizes and the info dictionary is set")
    func pagesAndInfo() throws {
        let folder = try TemporaryDirectory()
        let document = try PDFDocument()
        _ = try document.addPage(widthMM: 210, heightMM: 297)
        _ = try document.addPage(widthMM: 297, heightMM: 210)
        _ = try document.addPage(widthMM: 148, heightMM: 210)
        try document.setInfo(title: "Avbrottspärm – Socialtjänst Östra", author: "Åsa Öberg", creator: "avbrott")
        #expect(document.pageCount == 3)
        let path = folder.file("pages.pdf")
        try document.write(to: path)

        let info = try pdfInfo(path, ["-f", "1", "-l", "3"])
        #expect(info["Pages"] == "3")
        #expect(info["Title"] == "Avbrottspärm – Socialtjänst Östra")
        #expect(info["Author"] == "Åsa Öberg")
        #expect(info["Creator"] == "avbrott")
        // pdfinfo prints sizes in points ("595.276 x 841.89 pts (A4)").
        func sizeMM(_ page: Int) -> [Double] {
            let value = info["Page \(String(repeating: " ", count: 4 - String(page).count))\(page) size"] ?? ""
            return value.split(separator: " ").compactMap(Double.init).prefix(2).map { $0 * 25.4 / 72 }
        }
        for (page, expected) in [(1, [210.0, 297.0]), (2, [297.0, 210.0]), (3, [148.0, 210.0])] {
            let actual = sizeMM(page)
            #expect(
                actual.count == 2 && zip(actual, expected).allSatisfy { abs($0 - $1) < 0.01 },
                "page \(page): \(actual) mm")
        }
    }

    @Test(
        "an invalid page size throws and adds no page",
        arguments: [
            (0.0, 297.0), (210.0, -1.0), (210.0, 6000.0), (Double.nan, 297.0), (Double.infinity, 297.0),
        ])
    func invalidPageSize(width: Double, height: Double) throws {
        let folder = try TemporaryDirectory()
        let document = try PDFDocument()
        let error = #expect(throws: PDFError.self) {
            try document.addPage(widthMM: width, heightMM: height)
        }
        #expect(error?.description.hasPrefix("Kunde inte lägga till en sida: ogiltigt värde: sidstorleken") == true)
        #expect(document.pageCount == 0)
        // The document stays usable.
        _ = try document.addPage(widthMM: 210, heightMM: 297)
        #expect(try pdfInfo(try writePDF(document, in: folder))["Pages"] == "1")
    }

    @Test("libharu's own errors arrive as PDFError with the code in hex")
    func libraryErrorIsTyped() throws {
        let folder = try TemporaryDirectory()
        let bogus = folder.file("not-a-font.ttf")
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: bogus))
        let document = try PDFDocument()
        let error = #expect(throws: PDFError.self) { try document.embedTrueTypeFont(at: bogus) }
        guard case .library(let function, let code, _)? = error?.reason else {
            Issue.record("expected a libharu error, got \(String(describing: error))")
            return
        }
        #expect(function == "HPDF_LoadTTFontFromFile")
        #expect(code >= 0x1001 && code <= 0x10FF)
        #expect(error?.description.contains("libharu-fel 0x10") == true)
        #expect(error?.description.hasPrefix("Kunde inte läsa in typsnittet") == true)

        // Out-of-range values reported by libharu itself, with the document still usable after.
        let page = try document.addPage(widthMM: 210, heightMM: 297)
        let widthError = #expect(throws: PDFError.self) {
            try page.draw { g in try g.setLineWidth(-1) }
        }
        #expect(widthError?.libraryCode == UInt(0x1056))  // HPDF_PAGE_OUT_OF_RANGE
        try page.draw { g in try g.rect(x: 10, y: 10, width: 20, height: 20) }
        #expect(try pdfInfo(try writePDF(document, in: folder))["Pages"] == "1")
    }

    @Test("a document with fonts and pages is freed once the last reference goes")
    func documentIsFreed() throws {
        weak var weakDocument: PDFDocument?
        try {
            let document = try PDFDocument()
            weakDocument = document
            let fonts = try loadFonts(document)
            let page = try document.addPage(widthMM: 210, heightMM: 297)
            try page.text { t in
                try t.font(fonts.mono, size: 9)
                try t.show("x", at: 10, baselineY: 10)
            }
            #expect(weakDocument != nil)
        }()
        #expect(weakDocument == nil)
    }

    @Test("a missing font file names the file and the Debian package")
    func missingFont() throws {
        let folder = try TemporaryDirectory()
        let document = try PDFDocument()
        let error = #expect(throws: PDFError.self) {
            try FontSet.load(into: document, directory: folder.path)
        }
        let text = error?.description ?? ""
        #expect(text.contains(folder.file("DejaVuSans.ttf")))
        #expect(text.contains("fonts-dejavu-core"))
        #expect(text.contains("saknas"))
    }

    @Test("nested blocks on one page are refused, and the page stays usable")
    func nestedBlocks() throws {
        let folder = try TemporaryDirectory()
        let document = try PDFDocument()
        let fonts = try loadFonts(document)
        let page = try document.addPage(widthMM: 210, heightMM: 297)
        let error = #expect(throws: PDFError.self) {
            try page.text { t in
                try t.font(fonts.regular, size: 10)
                try page.draw { g in try g.rect(x: 0, y: 0, width: 5, height: 5) }
            }
        }
        guard case .misuse? = error?.reason else {
            Issue.record("expected misuse, got \(String(describing: error))")
            return
        }
        // A context kept past its block refuses to work, even while another block runs.
        var escaped: GraphicsContext?
        try page.draw { g in escaped = g }
        let late = #expect(throws: PDFError.self) { try escaped?.rect(x: 0, y: 0, width: 5, height: 5) }
        #expect(late?.description.contains("redan avslutat") == true)
        try page.draw { _ in
            #expect(throws: PDFError.self) { try escaped?.setLineWidth(1) }
        }
        // A path builder kept past its path leaves the path open: refused, page still usable.
        let open = #expect(throws: PDFError.self) {
            try page.draw { g in
                var kept: PathBuilder?
                try g.path(.stroke) { p in kept = p }
                try kept?.rect(Rect(x: 0, y: 0, width: 5, height: 5))
            }
        }
        #expect(open?.description.contains("oavslutad") == true)
        // show without a font is a misuse too.
        #expect(throws: PDFError.self) {
            try page.text { t in try t.show("x", at: 0, baselineY: 10) }
        }
        try page.text { t in
            try t.font(fonts.bold, size: 10)
            try t.show("Efter felet", at: 20, baselineY: 20)
        }
        let path = try writePDF(document, in: folder)
        #expect(try runToolChecked("pdftotext", [path, "-"]).contains("Efter felet"))
    }

    @Test("graphics land at millimetres from the top-left")
    func coordinates() throws {
        let folder = try TemporaryDirectory()
        let document = try PDFDocument()
        let page = try document.addPage(widthMM: 100, heightMM: 50)
        try page.draw { g in
            try g.fillGrey(0)
            try g.rect(x: 10, y: 5, width: 20, height: 10, .fill)  // top-left block
            try g.fillGrey(0.5)
            try g.circle(center: Point(x: 80, y: 40), radius: 5, .fill)
            try g.setLineWidth(1)
            try g.line(from: Point(x: 50, y: 0), to: Point(x: 50, y: 50))
        }
        let path = folder.file("coords.pdf")
        try document.write(to: path)
        let raster = try Rasterize.page(path, page: 1, dpi: 100)
        #expect(raster.width == 394 && raster.height == 197)
        #expect(raster.at(xMM: 20, yMM: 10, dpi: 100) < 20)  // inside the black block
        #expect(raster.at(xMM: 20, yMM: 40, dpi: 100) > 240)  // below it: white
        #expect(raster.at(xMM: 8, yMM: 10, dpi: 100) > 240)  // left of it
        #expect((100...160).contains(raster.at(xMM: 80, yMM: 40, dpi: 100)))  // grey disc
        #expect(raster.at(xMM: 50, yMM: 25, dpi: 100) < 60)  // the vertical line
        #expect(raster.at(xMM: 52, yMM: 25, dpi: 100) > 240)
    }

    @Test("a clip limits drawing, and state set in a block does not leak")
    func clipAndStateIsolation() throws {
        let folder = try TemporaryDirectory()
        let document = try PDFDocument()
        let page = try document.addPage(widthMM: 100, heightMM: 100)
        try page.draw { g in
            try g.fillGrey(0.5)
            try g.clipped(to: Rect(x: 0, y: 0, width: 50, height: 100)) { g in
                try g.fillGrey(0)
                try g.rect(x: 0, y: 0, width: 100, height: 20, .fill)
            }
            try g.rect(x: 0, y: 40, width: 100, height: 20, .fill)  // grey again after the clip
        }
        try page.draw { g in
            try g.rect(x: 0, y: 80, width: 100, height: 20, .fill)  // default black fill
        }
        let path = folder.file("clip.pdf")
        try document.write(to: path)
        let raster = try Rasterize.page(path, page: 1, dpi: 50)
        #expect(raster.at(xMM: 25, yMM: 10, dpi: 50) < 20)
        #expect(raster.at(xMM: 75, yMM: 10, dpi: 50) > 240)
        #expect((100...160).contains(raster.at(xMM: 75, yMM: 50, dpi: 50)))
        #expect(raster.at(xMM: 75, yMM: 90, dpi: 50) < 20)
    }
}
