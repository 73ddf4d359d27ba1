import Foundation
import Raster
import TestSupport
import Testing

/// The published layout (`avbrott forms layout ID --json`) must say where
/// the printer really drew: rasterise a printed sheet and find every comb
/// box, checkbox and registration mark within 0.5 mm of its layout position.
@Suite("layout JSON agrees with the drawing", .tags(.endToEnd), .enabled(if: TestRun.includesEndToEnd))
struct LayoutAgreementTests {
    struct Layout: Decodable {
        struct R: Decodable { var x, y, width, height: Double }
        struct Option: Decodable {
            var value: String
            var rect: R
        }
        struct Field: Decodable {
            var id: String
            var kind: String
            var pattern: String?
            var rect: R
            var boxes: [R]?
            var options: [Option]?
        }
        struct PageSize: Decodable { var width, height: Double }
        var form: String
        var version: Int
        var title: String
        var page: PageSize
        var fields: [Field]
        var marks: [R]
    }

    static let dpi = 300.0
    static var pxPerMM: Double { dpi / 25.4 }

    @Test(arguments: [
        "bilaga-2", "bilaga-3", "bilaga-4", "bilaga-5", "reservblankett-tid", "journal-sol-lss", "beslut",
    ])
    func boxesAreWhereTheLayoutSays(form: String) throws {
        let dir = try TemporaryDirectory(prefix: "agree")
        let pdf = dir.file("\(form).pdf")
        let printed = try runAvbrott(["print", "--form", form, "--binder-id", "K7M3QX", "-o", pdf])
        #expect(printed.status == 0, "\(printed.errorText)")
        let json = try runAvbrott(["forms", "layout", form, "--json"])
        #expect(json.status == 0)
        let layout = try JSONDecoder().decode(Layout.self, from: json.stdout)
        #expect(layout.form == form)
        let image = try Rasterize.page(pdf, page: 1, dpi: Int(Self.dpi))
        #expect(abs(Double(image.width) / Self.pxPerMM - layout.page.width) < 0.5)
        #expect(abs(Double(image.height) / Self.pxPerMM - layout.page.height) < 0.5)

        var checked = 0
        for field in layout.fields {
            let squares = (field.boxes ?? []) + (field.options ?? []).map(\.rect)
            for square in squares {
                for edge in Edge.allCases {
                    let error = try #require(edgeError(image, square, edge))
                    #expect(error <= 0.5, "\(form) \(field.id) \(edge) edge is \(error) mm off")
                    checked += 1
                }
            }
        }
        #expect(checked > 40)
        for mark in layout.marks {
            let centre = try #require(inkCentroid(image, around: mark, margin: 2))
            let dx = centre.x - (mark.x + mark.width / 2), dy = centre.y - (mark.y + mark.height / 2)
            #expect((dx * dx + dy * dy).squareRoot() <= 0.5, "\(form) mark off by (\(dx), \(dy)) mm")
        }
    }

    enum Edge: CaseIterable { case left, right, top, bottom }

    /// Distance in mm between the layout's edge and the darkest printed line
    /// within ±0.6 mm of it (labels sit 1.2 mm away, table lines about 1 mm).
    func edgeError(_ image: GreyImage, _ r: Layout.R, _ edge: Edge) -> Double? {
        let s = Self.pxPerMM
        let vertical = edge == .left || edge == .right
        let expected: Double
        switch edge {
        case .left: expected = r.x
        case .right: expected = r.x + r.width
        case .top: expected = r.y
        case .bottom: expected = r.y + r.height
        }
        // Sample the middle 60 % of the edge.
        let along0 = vertical ? r.y + r.height * 0.2 : r.x + r.width * 0.2
        let along1 = vertical ? r.y + r.height * 0.8 : r.x + r.width * 0.8
        var best: (position: Double, mean: Double)? = nil
        let from = Int(((expected - 0.6) * s).rounded(.down)), to = Int(((expected + 0.6) * s).rounded(.up))
        for p in from...to {
            var sum = 0, count = 0
            for a in Int(along0 * s)...Int(along1 * s) {
                sum += Int(vertical ? image.pixel(orWhite: p, a) : image.pixel(orWhite: a, p))
                count += 1
            }
            let mean = Double(sum) / Double(max(1, count))
            if best == nil || mean < best!.mean { best = ((Double(p) + 0.5) / s, mean) }
        }
        guard let best, best.mean < 200 else { return nil }
        return abs(best.position - expected)
    }

    func inkCentroid(_ image: GreyImage, around r: Layout.R, margin: Double) -> (x: Double, y: Double)? {
        let s = Self.pxPerMM
        var sx = 0.0, sy = 0.0, n = 0.0
        for y in Int((r.y - margin) * s)..<Int((r.y + r.height + margin) * s) {
            for x in Int((r.x - margin) * s)..<Int((r.x + r.width + margin) * s) where image.pixel(orWhite: x, y) < 128
            {
                sx += Double(x) + 0.5
                sy += Double(y) + 0.5
                n += 1
            }
        }
        guard n > 0 else { return nil }
        return (sx / n / s, sy / n / s)
    }
}
