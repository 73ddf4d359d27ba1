import Foundation
import TestSupport
import Testing

/// The print scale is measured from each page's registration marks: the
/// calibration sheet reports it, a page printed small is warned of, and the
/// export carries it.
@Suite(.serialized, .tags(.endToEnd), .enabled(if: TestRun.includesEndToEnd && toolExists("convert")))
struct PrintScaleTests {
    /// The PDF's first page as a 200 dpi PNG printed at `scale` on A4 (the paper stays A4).
    func scan(_ pdf: String, scale: Int, to png: String) throws {
        let full = png + ".full"
        try runToolChecked("pdftoppm", ["-r", "200", "-png", "-singlefile", pdf, full])
        let size = try runToolChecked("identify", ["-format", "%wx%h", full + ".png"])
        try runToolChecked(
            "convert",
            [
                full + ".png", "-colorspace", "Gray", "-resize", "\(scale)%", "-gravity", "center", "-background",
                "white", "-extent", size, "-units", "PixelsPerInch", "-density", "200", png,
            ])
    }

    func measured(_ text: String) -> Double? {
        guard let range = text.range(of: #"utskriftsskala [0-9]+,[0-9] %"#, options: .regularExpression) else {
            return nil
        }
        let number = text[range].dropFirst("utskriftsskala ".count).dropLast(2).replacingOccurrences(of: ",", with: ".")
        return Double(number).map { $0 / 100 }
    }

    @Test(arguments: [100, 95])
    func theCalibrationSheetReportsTheScale(percent: Int) throws {
        let dir = try TemporaryDirectory()
        let pdf = dir.file("kalibrering.pdf")
        #expect(try runAvbrott(["print", "--calibration", "-o", pdf]).status == 0)
        try scan(pdf, scale: percent, to: dir.file("kalibrering.png"))
        let out = try ingestDuringSampleOutage(workspace: dir.file("ws"), [dir.file("kalibrering.png")])
        #expect(out.status == 0, "\(out.errorText)")
        let scale = try #require(measured(out.errorText + out.text), "\(out.errorText)")
        #expect(abs(scale - Double(percent) / 100) <= 0.01, "measured \(scale)")
        let export = try runAvbrott(["export", "--workspace", dir.file("ws")])
        let json = try #require(try JSONSerialization.jsonObject(with: export.stdout) as? [String: Any])
        let page = try #require((json["pages"] as? [[String: Any]])?.first)
        #expect(abs(((page["scale"] as? Double) ?? 0) - Double(percent) / 100) <= 0.01)
    }

    @Test func aFormPrintedSmallIsWarnedOf() throws {
        let dir = try TemporaryDirectory()
        let filled = try FilledSheets.make(form: "bilaga-4", in: dir.path) { _, id in
            id == "r01.namn" ? "Testa Testsson" : nil
        }
        let small = dir.file("liten.png")
        let size = try runToolChecked("identify", ["-format", "%wx%h", filled[0]])
        try runToolChecked(
            "convert",
            [
                filled[0], "-resize", "94%", "-gravity", "center", "-background", "white", "-extent", size, "-units",
                "PixelsPerInch", "-density", "200", small,
            ])
        let out = try ingestDuringSampleOutage(workspace: dir.file("ws"), [small])
        #expect(out.errorText.contains("(utskriven i 94"), "\(out.errorText)")
        #expect(out.errorText.contains("Skriv ut pärmen i 100 %"))
    }
}
