import FormKit
import Foundation
import Haru
import Raster

/// Draws a `ReportDocument` on A4 pages with the binder's embedded fonts:
/// text flows top to bottom, tables repeat their header on a new page, bar
/// charts are drawn as filled rectangles. Every page has a footer with the
/// document's footer text and "Sida i av n".
public enum ReportPDF {
    static let pageWidth = 210.0, pageHeight = 297.0
    static let left = 20.0, right = 190.0, top = 20.0, bottom = 277.0
    static var contentWidth: Double { right - left }
    /// Segment fills of a stacked bar, dark to light.
    static let segmentGreys = [0.25, 0.78, 0.55, 0.9]

    /// The PDF's bytes.
    public static func render(_ document: ReportDocument, fontDirectory: String = FontSet.defaultDirectory) throws
        -> PDFDocument
    {
        let pdf = try PDFDocument()
        try pdf.setInfo(title: document.title, creator: "avbrott")
        let fonts = try FontSet.load(into: pdf, directory: fontDirectory)
        var layout = ReportLayout(fonts: fonts)
        for block in document.blocks { layout.add(block) }
        let pages = layout.finish()
        for (index, ops) in pages.enumerated() {
            let page = try pdf.addPage(widthMM: pageWidth, heightMM: pageHeight)
            try page.draw { g in
                for op in ops {
                    switch op {
                    case .rule(let x1, let x2, let y, let width, let grey):
                        try g.setLineWidth(width)
                        try g.strokeGrey(grey)
                        try g.line(from: PlanePoint(x: x1, y: y), to: PlanePoint(x: x2, y: y))
                    case .box(let rect, let grey):
                        try g.fillGrey(grey)
                        try g.rect(rect, .fill)
                    case .text: continue
                    }
                }
            }
            try page.text { t in
                for case .text(let s, let x, let y, let size, let style, let alignment, let grey) in ops {
                    try t.font(font(style, fonts), size: size)
                    try t.grey(grey)
                    try t.show(s, at: x, baselineY: y, alignment: alignment)
                }
                try t.font(fonts.regular, size: 7.5)
                try t.grey(0.4)
                try t.show(document.footer, at: left, baselineY: pageHeight - 10)
                try t.show(
                    "Sida \(index + 1) av \(pages.count)", at: right, baselineY: pageHeight - 10, alignment: .right)
            }
        }
        return pdf
    }

    static func font(_ style: FontStyle, _ fonts: FontSet) -> PDFFont {
        switch style {
        case .regular: return fonts.regular
        case .bold: return fonts.bold
        case .mono: return fonts.mono
        }
    }
}

/// One drawing operation on a laid-out page.
enum ReportOp {
    case text(String, x: Double, y: Double, size: Double, style: FontStyle, alignment: Haru.TextAlignment, grey: Double)
    case rule(x1: Double, x2: Double, y: Double, width: Double, grey: Double)
    case box(PlaneRect, grey: Double)
}

/// Lays blocks out top to bottom, starting a new page when one is full.
struct ReportLayout {
    let fonts: FontSet
    var pages: [[ReportOp]] = [[]]
    var y = ReportPDF.top

    init(fonts: FontSet) { self.fonts = fonts }

    typealias P = ReportPDF

    mutating func finish() -> [[ReportOp]] { pages }

    mutating func emit(_ op: ReportOp) { pages[pages.count - 1].append(op) }

    /// Starts a new page unless `height` millimetres still fit on this one.
    mutating func need(_ height: Double) {
        if y + height > P.bottom && y > P.top + 0.1 {
            pages.append([])
            y = P.top
        }
    }

    mutating func text(
        _ s: String, x: Double, size: Double, style: FontStyle = .regular,
        alignment: Haru.TextAlignment = .left, grey: Double = 0
    ) {
        emit(.text(s, x: x, y: y, size: size, style: style, alignment: alignment, grey: grey))
    }

    func width(_ s: String, size: Double, style: FontStyle = .regular) -> Double {
        ReportPDF.font(style, fonts).width(of: s, size: size)
    }

    func wrap(_ text: String, width: Double, size: Double, style: FontStyle = .regular) -> [String] {
        ReportPDF.font(style, fonts).lines(of: text, width: width, size: size)
    }

    /// `s` cut with "…" to fit `width`.
    func clip(_ s: String, width: Double, size: Double, style: FontStyle = .regular) -> String {
        guard self.width(s, size: size, style: style) > width else { return s }
        var t = s
        while !t.isEmpty && self.width(t + "…", size: size, style: style) > width { t.removeLast() }
        return t + "…"
    }

    mutating func add(_ block: ReportBlock) {
        switch block {
        case .title(let title, let subtitle):
            for line in wrap(title, width: P.contentWidth, size: 17, style: .bold) {
                need(9)
                y += 7
                text(line, x: P.left, size: 17, style: .bold)
            }
            if let subtitle {
                for line in wrap(subtitle, width: P.contentWidth, size: 9.5) {
                    need(6)
                    y += 5
                    text(line, x: P.left, size: 9.5, grey: 0.35)
                }
            }
            y += 3
            emit(.rule(x1: P.left, x2: P.right, y: y, width: 0.4, grey: 0))
            y += 2
        case .heading(let s):
            need(20)
            y += 9
            text(s, x: P.left, size: 12.5, style: .bold)
            y += 2
            emit(.rule(x1: P.left, x2: P.right, y: y, width: 0.2, grey: 0.6))
            y += 1
        case .paragraph(let s):
            for line in wrap(s, width: P.contentWidth, size: 9.5) {
                need(5)
                y += 4.8
                text(line, x: P.left, size: 9.5)
            }
            y += 1.5
        case .facts(let pairs):
            let keyWidth = min(70, (pairs.map { width($0.0, size: 9.5, style: .bold) }.max() ?? 0) + 5)
            for (key, value) in pairs {
                let lines = wrap(value, width: P.contentWidth - keyWidth, size: 9.5)
                need(5 * Double(max(1, lines.count)))
                y += 5
                text(key, x: P.left, size: 9.5, style: .bold, grey: 0.2)
                for (i, line) in lines.enumerated() {
                    if i > 0 { y += 4.8 }
                    text(line, x: P.left + keyWidth, size: 9.5)
                }
            }
            y += 1.5
        case .table(let table): add(table)
        case .bars(let chart): add(chart)
        case .code(let s):
            need(7)
            y += 6
            text(s, x: P.left + 4, size: 10, style: .mono)
            y += 1.5
        case .writingLines(let count):
            for _ in 0..<count {
                need(9)
                y += 8.5
                emit(.rule(x1: P.left, x2: P.right, y: y, width: 0.25, grey: 0.55))
            }
            y += 2
        case .pageBreak:
            if y > P.top + 0.1 {
                pages.append([])
                y = P.top
            }
        case .signatures(let labels):
            for label in labels {
                need(18)
                y += 15
                emit(.rule(x1: P.left, x2: P.left + 90, y: y, width: 0.3, grey: 0))
                y += 3.5
                text(label, x: P.left, size: 8, grey: 0.35)
            }
        }
    }

    mutating func add(_ table: ReportTable) {
        guard !table.rows.isEmpty else {
            need(6)
            y += 5
            text(table.emptyText, x: P.left, size: 9.5, grey: 0.35)
            y += 1.5
            return
        }
        let size = 8.5, rowHeight = 4.6
        let widths = columnWidths(table, size: size)
        var xs: [Double] = []
        var x = P.left
        for w in widths {
            xs.append(x)
            x += w
        }
        func anchor(_ i: Int) -> Double {
            table.columns[i].alignment == .right ? xs[i] + widths[i] - 3 : xs[i]
        }
        func header(_ layout: inout ReportLayout) {
            layout.y += rowHeight + 1
            for (i, c) in table.columns.enumerated() {
                layout.text(
                    layout.clip(c.title, width: widths[i] - 3.5, size: size, style: .bold), x: anchor(i), size: size,
                    style: .bold, alignment: c.alignment)
            }
            layout.y += 1.5
            layout.emit(.rule(x1: P.left, x2: P.right, y: layout.y, width: 0.3, grey: 0.3))
        }
        need(rowHeight * 3 + 4)
        header(&self)
        for row in table.rows {
            if y + rowHeight > P.bottom {
                need(P.bottom)  // forces a new page
                header(&self)
            }
            y += rowHeight
            for (i, cell) in row.enumerated() where i < widths.count {
                text(
                    clip(cell, width: widths[i] - 3.5, size: size), x: anchor(i), size: size,
                    alignment: table.columns[i].alignment)
            }
        }
        y += 1.5
        emit(.rule(x1: P.left, x2: P.right, y: y, width: 0.2, grey: 0.6))
        y += 1
    }

    /// Each column as wide as its header and widest cell; spare width goes
    /// by weight. When that is too wide, numbers keep their width and the
    /// text columns share what is left (their cells are cut with "…").
    func columnWidths(_ table: ReportTable, size: Double) -> [Double] {
        let padding = 4.0
        let natural = table.columns.enumerated().map { i, c in
            max(
                width(c.title, size: size, style: .bold),
                table.rows.map { i < $0.count ? width($0[i], size: size) : 0 }.max() ?? 0) + padding
        }
        let sum = natural.reduce(0, +)
        if sum <= P.contentWidth {
            let weights = table.columns.map(\.weight).reduce(0, +)
            return zip(natural, table.columns).map { $0 + (P.contentWidth - sum) * $1.weight / weights }
        }
        let fixed = zip(natural, table.columns).filter { $1.alignment == .right }.map(\.0).reduce(0, +)
        let flexible = zip(natural, table.columns).filter { $1.alignment != .right }.map(\.0).sorted()
        // The widest text columns are narrowed to a common cap that makes everything fit.
        var room = max(P.contentWidth - fixed, flexible.reduce(0, +) * 0.3)
        var cap = Double.infinity
        for (i, w) in flexible.enumerated() {
            let share = room / Double(flexible.count - i)
            if w <= share {
                room -= w
            } else {
                cap = share
                break
            }
        }
        return zip(natural, table.columns).map { $1.alignment == .right ? $0 : min($0, cap) }
    }

    mutating func add(_ chart: ReportBarChart) {
        let labelWidth = 58.0, barLeft = P.left + labelWidth + 2, valueWidth = 28.0
        let barMax = P.right - valueWidth - barLeft
        let rowHeight = 6.5, barHeight = 4.2
        need(14 + rowHeight * Double(min(chart.bars.count, 4)))
        y += 7
        text(chart.title, x: P.left, size: 10, style: .bold)
        if chart.series.count > 1 {
            y += 5
            var x = P.left
            for (i, name) in chart.series.enumerated() {
                emit(.box(PlaneRect(x: x, y: y - 2.8, width: 3.2, height: 3.2), grey: P.segmentGreys[i % 4]))
                text(name, x: x + 4.5, size: 8.5)
                x += 4.5 + width(name, size: 8.5) + 8
            }
        }
        y += 2
        let maximum = Double(max(1, chart.maximum))
        for bar in chart.bars {
            need(rowHeight)
            y += rowHeight
            text(clip(bar.label, width: labelWidth, size: 8.5), x: P.left, size: 8.5)
            var x = barLeft
            for (i, v) in bar.values.enumerated() where v > 0 {
                let w = Double(v) / maximum * barMax
                emit(
                    .box(
                        PlaneRect(x: x, y: y - barHeight + 0.6, width: max(w, 0.4), height: barHeight),
                        grey: P.segmentGreys[i % 4]))
                x += w
            }
            let total = bar.values.reduce(0, +)
            let label =
                bar.values.count > 1
                ? "\(total) (" + bar.values.map { "\($0)" }.joined(separator: " / ") + ")" : "\(total)"
            text(label, x: x + 2, size: 8.5, grey: 0.2)
        }
        y += 2
    }
}
