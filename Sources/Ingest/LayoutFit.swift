import FormKit
import Imaging
import Raster

/// How well a registered page shows the printed lines of a form's layout:
/// along every line and box edge the layout draws, how much darker the page
/// is on the line than a little beside it. A page is what its sheet code
/// says only if the code's layout fits it at least as well as any other form
/// printed on the same paper (and fits at all): a code pasted on another
/// form's page is refused, and the form the page does show is named.
struct LayoutFit {
    struct Probe {
        var point: Point
        /// Unit vector across the line.
        var normal: Point
    }

    let probes: [Probe]

    /// Probes every `LayoutFit.spacing` mm along the layout's visible lines and box edges.
    init(_ layout: SheetLayout) {
        var probes: [Probe] = []
        func along(_ a: Point, _ b: Point) {
            let dx = b.x - a.x, dy = b.y - a.y
            let length = (dx * dx + dy * dy).squareRoot()
            guard length >= 2 * Self.spacing else { return }
            let normal = Point(x: -dy / length, y: dx / length)
            var t = Self.spacing / 2
            while t < length {
                probes.append(Probe(point: Point(x: a.x + dx * t / length, y: a.y + dy * t / length), normal: normal))
                t += Self.spacing
            }
        }
        for element in layout.elements {
            switch element {
            case .line(let from, let to, _, let grey) where grey <= Self.lightestGrey:
                along(from, to)
            case .rect(let r, _, let grey) where grey <= Self.lightestGrey:
                let corners = [
                    Point(x: r.minX, y: r.minY), Point(x: r.maxX, y: r.minY),
                    Point(x: r.maxX, y: r.maxY), Point(x: r.minX, y: r.maxY),
                ]
                for i in 0..<4 { along(corners[i], corners[(i + 1) % 4]) }
            default:
                continue
            }
        }
        self.probes = probes
    }

    /// Mean contrast (0–1) between the darkest point across each line (within
    /// `tolerance` mm) and the page `offset` mm to either side of it.
    func score(_ page: GreyImage, _ transform: PageTransform) -> Double {
        guard !probes.isEmpty else { return 0 }
        var total = 0.0
        for probe in probes {
            func grey(_ d: Double) -> Double {
                Double(
                    sample(
                        page, at: Point(x: probe.point.x + d * probe.normal.x, y: probe.point.y + d * probe.normal.y),
                        transform: transform))
            }
            let on = [-Self.tolerance, 0, Self.tolerance].map(grey).min() ?? 255
            let off = (grey(-Self.offset) + grey(Self.offset)) / 2
            total += max(0, off - on) / 255
        }
        return total / Double(probes.count)
    }

    /// Lines lighter than this (the printer's grey: 0 black, 1 white) are not probed.
    static let lightestGrey = 0.7
    static let spacing = 1.0
    static let tolerance = 0.3
    static let offset = 1.2
}
