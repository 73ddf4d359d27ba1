import FormKit
import Foundation
import TestSupport
import Testing

@testable import Haru

@Suite("PDF performance")
struct PDFPerformanceTests {
    /// A binder-sized document: 50 pages, 3000 boxes, 1000 text runs, 50 QR codes.
    @Test("a 50-page binder is built and written quickly and stays small")
    func fiftyPages() throws {
        let folder = try TemporaryDirectory()
        let clock = ContinuousClock()
        var path = ""
        let elapsed = try clock.measure {
            let document = try PDFDocument()
            let fonts = try FontSet.load(into: document)
            try document.setInfo(title: "Avbrottspärm", author: nil, creator: "avbrott")
            for pageIndex in 0..<50 {
                let page = try document.addPage(widthMM: 210, heightMM: 297)
                try page.draw { g in
                    try g.setLineWidth(0.3)
                    for box in 0..<60 {
                        let x = 15 + Double(box % 6) * 30, y = 40 + Double(box / 6) * 22
                        try g.rect(x: x, y: y, width: 28, height: 12)
                    }
                    try g.qrCode(
                        try QRMatrix(encoding: "AVB1:SHEET=\(pageIndex)"),
                        in: Rect(x: 175, y: 10, width: 22, height: 22))
                }
                try page.text { t in
                    try t.font(fonts.bold, size: 14)
                    try t.show("Sida \(pageIndex + 1) – Orosanmälan", at: 15, baselineY: 20)
                    try t.font(fonts.regular, size: 8)
                    for run in 0..<19 {
                        try t.show(
                            "Fält \(run): åäö ÅÄÖ", at: 15 + Double(run % 6) * 30,
                            baselineY: 38 + Double(run / 6) * 22, alignment: run % 2 == 0 ? .left : .right)
                    }
                }
            }
            path = folder.file("binder.pdf")
            try document.write(to: path)
        }
        let bytes = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
        print("50 pages, 3000 rects, 1000 text runs, 50 QR codes: \(elapsed), \(bytes) bytes")
        // The budget is 0.5 s for an optimised build; debug builds and a
        // shared machine get headroom.
        #expect(elapsed < .seconds(2))
        #expect(bytes < 400_000)
        #expect(try pdfInfo(path)["Pages"] == "50")
    }
}
