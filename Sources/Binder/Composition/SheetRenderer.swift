import FormKit
import Haru

/// Draws laid-out elements and the sheet frame onto PDF pages. Knows nothing
/// about coordinates of its own: everything comes from FormKit's layout.
struct SheetRenderer {
    let fonts: FontSet

    func font(_ style: FontStyle) -> PDFFont {
        switch style {
        case .regular: return fonts.regular
        case .bold: return fonts.bold
        case .mono: return fonts.mono
        }
    }

    /// Draws `elements`: all shapes first, then all text, each in one pass.
    func draw(_ elements: [Element], on page: PDFPage) throws {
        try page.draw { g in
            var lineWidth = -1.0, stroke = -1.0, fill = -1.0
            func pen(_ width: Double, _ grey: Double) throws {
                if width != lineWidth {
                    try g.setLineWidth(width)
                    lineWidth = width
                }
                if grey != stroke {
                    try g.strokeGrey(grey)
                    stroke = grey
                }
            }
            for element in elements {
                switch element {
                case .line(let from, let to, let width, let grey):
                    try pen(width, grey)
                    try g.line(from: from, to: to)
                case .rect(let rect, let width, let grey):
                    try pen(width, grey)
                    try g.rect(rect, .stroke)
                case .filledRect(let rect, let grey):
                    if grey != fill {
                        try g.fillGrey(grey)
                        fill = grey
                    }
                    try g.rect(rect, .fill)
                case .text:
                    continue
                }
            }
        }
        try page.text { t in
            var current: (FontStyle, Double)? = nil
            var currentGrey = -1.0
            for case .text(let string, let at, let size, let style, let align, let grey) in elements {
                if current.map({ $0.0 != style || $0.1 != size }) ?? true {
                    try t.font(font(style), size: size)
                    current = (style, size)
                }
                if grey != currentGrey {
                    try t.grey(grey)
                    currentGrey = grey
                }
                try t.show(string, at: at.x, baselineY: at.y, alignment: align.pdf)
            }
        }
    }

    /// Marks, the sheet's 2D code with its id, and the footer line.
    func drawFrame(_ frame: PageFrame, sheet: SheetID, footer: String, pageLabel: String, on page: PDFPage) throws {
        let matrix = try QRMatrix(encoding: sheet.payload, correction: .medium)
        try page.draw { g in
            try g.fillGrey(0)
            for mark in frame.marks { try g.rect(mark, .fill) }
            try g.qrCode(matrix, in: frame.code, quietZoneModules: 2)
        }
        try page.text { t in
            try t.font(fonts.mono, size: 6.5)
            try t.grey(0.2)
            try t.show(sheet.description, at: frame.codeText.x, baselineY: frame.codeText.y, alignment: .right)
            try t.font(fonts.regular, size: 7)
            try t.show(footer, at: frame.left, baselineY: frame.footerBaseline, alignment: .left)
            try t.show(pageLabel, at: frame.right, baselineY: frame.footerBaseline, alignment: .right)
        }
    }
}

extension FormKit.TextAlignment {
    var pdf: Haru.TextAlignment {
        switch self {
        case .left: return .left
        case .center: return .center
        case .right: return .right
        }
    }
}
