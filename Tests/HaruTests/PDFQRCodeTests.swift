import FormKit
import Foundation
import TestSupport
import Testing

@testable import Haru

@Suite("PDF QR codes")
struct PDFQRCodeTests {
    @Test(
        "a drawn QR code decodes back to its text",
        arguments: [
            "AVB1:FORM=orosanmalan-v3;SHEET=2/4;ID=7f3c9a",
            "https://intranät.example/blankett?id=Ärende–42",
            "a",
        ])
    func roundTrip(text: String) throws {
        let folder = try TemporaryDirectory()
        let document = try PDFDocument()
        let page = try document.addPage(widthMM: 210, heightMM: 297)
        let matrix = try QRMatrix(encoding: text, correction: .quartile)
        try page.draw { g in
            try g.qrCode(matrix, in: Rect(x: 150, y: 15, width: 30, height: 30))
        }
        let path = try writePDF(document, in: folder)
        let raster = folder.file("qr")
        try runToolChecked("pdftoppm", ["-r", "200", "-gray", "-singlefile", path, raster])
        let decoded = try runToolChecked("zbarimg", ["--raw", "-q", raster + ".pgm"])
        #expect(decoded.trimmingCharacters(in: .newlines) == text)
    }

    @Test("the matrix is square with finder patterns, and runs become one rectangle each")
    func matrix() throws {
        let matrix = try QRMatrix(encoding: "AVB1:test", correction: .medium)
        #expect(matrix.size >= 21 && (matrix.size - 21) % 4 == 0)
        #expect(matrix.modules.count == matrix.size * matrix.size)
        // Top row of the top-left finder pattern: 7 dark modules, then a light one.
        #expect((0..<7).allSatisfy { matrix[$0, 0] } && !matrix[7, 0])
        #expect(matrix.darkRuns(inRow: 0).first.map { $0.start == 0 && $0.length == 7 } == true)
        let dark = matrix.modules.filter { $0 }.count
        let runLengths = (0..<matrix.size).flatMap { matrix.darkRuns(inRow: $0) }.map(\.length)
        #expect(runLengths.reduce(0, +) == dark)

        // Higher correction on the same text needs at least as many modules.
        #expect(try QRMatrix(encoding: "AVB1:test", correction: .quartile).size >= matrix.size)
    }

    @Test("text that cannot be encoded throws a Swedish error")
    func tooLong() throws {
        let error = #expect(throws: PDFError.self) {
            try QRMatrix(encoding: String(repeating: "å", count: 3000), correction: .quartile)
        }
        #expect(error?.description.contains("QR-koden gick inte att skapa") == true)
        #expect(throws: PDFError.self) { try QRMatrix(encoding: "") }
    }
}
