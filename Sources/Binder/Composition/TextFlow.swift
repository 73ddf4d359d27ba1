import FormKit
import Haru

/// Sets running text on the binder's instruction pages, top to bottom,
/// wrapping with the embedded font's real widths. Produces FormKit elements,
/// drawn like any form.
struct TextFlow {
    let fonts: FontSet
    let frame: PageFrame
    let pageName: String
    var y: Double
    var elements: [Element] = []

    init(fonts: FontSet, frame: PageFrame, pageName: String, top: Double? = nil) {
        self.fonts = fonts
        self.frame = frame
        self.pageName = pageName
        self.y = top ?? frame.contentTop
    }

    var width: Double { frame.contentWidth }

    func font(_ style: FontStyle) -> PDFFont {
        switch style {
        case .regular: return fonts.regular
        case .bold: return fonts.bold
        case .mono: return fonts.mono
        }
    }

    func wrap(_ text: String, width: Double, size: Double, style: FontStyle = .regular) -> [String] {
        font(style).lines(of: text, width: width, size: size)
    }

    mutating func text(
        _ s: String, x: Double, size: Double, style: FontStyle = .regular,
        align: FormKit.TextAlignment = .left, grey: Double = 0
    ) {
        elements.append(.text(s, at: Point(x: x, y: y), size: size, font: style, align: align, grey: grey))
    }

    mutating func space(_ mm: Double) { y += mm }

    /// The label and title in the sheet's header band, as on the forms; the
    /// flow continues at the top of the content area.
    mutating func sheetHeader(label: String, title: String) {
        elements.append(
            .text(
                label.uppercased(), at: Point(x: frame.left, y: frame.labelBaseline), size: 8.5,
                font: .bold, align: .left, grey: 0.35))
        let lines = wrap(title, width: frame.titleRight - frame.left, size: 14, style: .bold)
        for (i, line) in lines.prefix(2).enumerated() {
            elements.append(
                .text(
                    line, at: Point(x: frame.left, y: frame.titleBaseline + Double(i) * 6), size: 14,
                    font: .bold, align: .left, grey: 0))
        }
        y = frame.contentTop
    }

    mutating func paragraph(
        _ s: String, size: Double = 9.5, style: FontStyle = .regular, indent: Double = 0,
        grey: Double = 0
    ) {
        let lh = TextMetrics.lineHeight(size)
        for line in wrap(s, width: width - indent, size: size, style: style) {
            y += lh
            text(line, x: frame.left + indent, size: size, style: style, grey: grey)
        }
    }

    mutating func heading(_ s: String, size: Double = 11.5) {
        y += 3
        paragraph(s, size: size, style: .bold)
        y += 1
    }

    mutating func bullets(_ items: [String], size: Double = 9.5) {
        let lh = TextMetrics.lineHeight(size)
        for item in items {
            for (i, line) in wrap(item, width: width - 6, size: size).enumerated() {
                y += lh
                if i == 0 { text("•", x: frame.left + 1.5, size: size) }
                text(line, x: frame.left + 6, size: size)
            }
            y += 1.2
        }
    }

    /// A list of items with an empty checkbox each, to tick off by hand.
    mutating func checklist(_ items: [String], size: Double = 9.5) {
        let lh = TextMetrics.lineHeight(size)
        for item in items {
            let lines = wrap(item, width: width - 8, size: size)
            elements.append(
                .rect(Rect(x: frame.left + 0.5, y: y + 1.2, width: 3.8, height: 3.8), lineWidth: 0.25, grey: 0.2))
            for line in lines {
                y += lh
                text(line, x: frame.left + 7, size: size)
            }
            y += 2
        }
    }

    /// A simple ruled table; `widths` in millimetres.
    mutating func table(header: [String], rows: [[String]], widths: [Double], size: Double = 8.5) {
        let lh = TextMetrics.lineHeight(size)
        var xs = [frame.left]
        for w in widths { xs.append(xs[xs.count - 1] + w) }
        let right = xs[xs.count - 1]
        func row(_ cells: [String], style: FontStyle) {
            // A cell whose longest word does not fit gets a smaller font (down to
            // two points less) before any word is cut; lines are spaced as at `size`.
            let sizes = cells.enumerated().map { i, c in
                font(style).sizeKeepingWords(of: c, width: widths[i] - 2.5, size: size, smallest: size - 2)
            }
            let wrapped = cells.enumerated().map { i, c in
                wrap(c, width: widths[i] - 2.5, size: sizes[i], style: style)
            }
            let height = Double(wrapped.map { max(1, $0.count) }.max() ?? 1) * lh + 2.4
            for (i, lines) in wrapped.enumerated() {
                for (j, line) in lines.enumerated() {
                    elements.append(
                        .text(
                            line, at: Point(x: xs[i] + 1.2, y: y + 1.2 + lh * Double(j + 1) - 0.6),
                            size: sizes[i], font: style, align: .left, grey: 0))
                }
            }
            y += height
            elements.append(.line(from: Point(x: frame.left, y: y), to: Point(x: right, y: y), width: 0.2, grey: 0.5))
        }
        elements.append(.line(from: Point(x: frame.left, y: y), to: Point(x: right, y: y), width: 0.3, grey: 0.2))
        row(header, style: .bold)
        for r in rows { row(r, style: .regular) }
    }

    /// Fails when the text ran past the bottom of the page.
    func checkFits() throws {
        guard y <= frame.contentBottom + 0.01 else {
            throw BinderError.pageOverflow(page: pageName, by: y - frame.contentBottom)
        }
    }
}
