import Foundation
import Imaging
import Raster
import Testing

let sampleScans = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("SampleScans").path

/// The committed sample scans (SampleScans/, made from real `avbrott print`
/// output with a ground-truth file): every form page must be identified,
/// turned upright and registered with the skew and print scale it was made with.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: sampleScans + "/truth.json"), "SampleScans/ is missing"))
struct SampleScanTests {
    static let folder = sampleScans

    struct Truth {
        let file: String, page: Int, kind: String, sheetID: String?
        let rotation: Int, skew: Double, printScale: Double
    }

    static func truth() throws -> [Truth] {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/truth.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let pages = try #require(root["pages"] as? [[String: Any]])
        return pages.compactMap { p in
            guard let file = p["file"] as? String, let page = p["page"] as? Int, let kind = p["kind"] as? String,
                let skew = p["skew_degrees"] as? Double, let scale = p["print_scale"] as? Double
            else { return nil }
            return Truth(
                file: file, page: page, kind: kind, sheetID: p["sheet_id"] as? String,
                rotation: p["rotation"] as? Int ?? 0, skew: skew, printScale: scale)
        }
    }

    /// The standard sheet frame: marks 10 mm in from each corner, the code at the top right.
    static func geometry(landscape: Bool) -> SheetGeometry {
        let w = landscape ? 297.0 : 210.0, h = landscape ? 210.0 : 297.0
        return SheetGeometry(
            markCentresMM: [
                PlanePoint(x: 10, y: 10), PlanePoint(x: w - 10, y: 10),
                PlanePoint(x: 10, y: h - 10), PlanePoint(x: w - 10, y: h - 10),
            ],
            markSizeMM: 6, qrRectMM: PlaneRect(x: w - 38, y: 14, width: 20, height: 20))
    }

    @Test func everyFormPageRegisters() throws {
        let truth = try Self.truth()
        try #require(!truth.isEmpty)
        var documents: [String: ScanDocument] = [:]
        for expected in truth {
            let document = try documents[expected.file] ?? ScanLoader().load(Self.folder + "/" + expected.file)
            documents[expected.file] = document
            let page = try #require(document.pages.first { $0.pageNumber == expected.page })
            let geometry = Self.geometry(landscape: page.image.width > page.image.height)
            let codes = try SheetCodeReader().read(page.image)
            if expected.kind == "foreign" {
                // A foreign page (a typed letter) has neither code nor marks.
                #expect(codes.isEmpty)
                #expect(throws: RegistrationError.self) {
                    try PageRegistration(geometry: geometry).register(page.image, dpi: page.dpi)
                }
                continue
            }
            guard expected.kind == "form" else { continue }
            #expect(codes.map(\.text) == [expected.sheetID ?? "?"], "\(expected.file) p\(expected.page)")
            let result = try PageRegistration(geometry: geometry)
                .register(page.image, dpi: page.dpi, qrCorners: codes.first?.corners ?? [])
            let t = result.transform
            #expect(result.wasUpsideDown == (expected.rotation == 180), "\(expected.file) p\(expected.page)")
            #expect(t.marksSeen == 4)
            // Truth counts skew anticlockwise; a photocopied blank adds up to 0.4° and 1 % of its own.
            #expect(abs(t.skewDegrees + expected.skew) < 0.4, "\(expected.file): skew \(t.skewDegrees)")
            #expect(abs(t.printScale - expected.printScale) < 0.012, "\(expected.file): scale \(t.printScale)")
            // Independent check: the upright code lands where it was printed.
            let upright = try #require(try SheetCodeReader().read(result.image).first)
            let offset = t.millimetres(upright.center).distance(to: try #require(geometry.qrRectMM).center)
            #expect(offset < 0.5, "\(expected.file) p\(expected.page): code \(offset) mm off")
        }
    }
}
