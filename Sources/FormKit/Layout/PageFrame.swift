/// What every sheet of the binder carries, whatever its content: four
/// registration marks near the corners, the sheet's code with its id in
/// human-readable text, and a footer line with the page number.
public struct PageFrame: Sendable, Equatable {
    public static let markSize = 6.0
    public static let markInset = 7.0
    public static let codeSize = 20.0

    public var page: Size

    public init(page: Size) { self.page = page }

    /// Filled squares in the order top-left, top-right, bottom-left, bottom-right.
    public var marks: [Rect] {
        let s = Self.markSize, i = Self.markInset
        return [
            Rect(x: i, y: i, width: s, height: s),
            Rect(x: page.width - i - s, y: i, width: s, height: s),
            Rect(x: i, y: page.height - i - s, width: s, height: s),
            Rect(x: page.width - i - s, y: page.height - i - s, width: s, height: s),
        ]
    }

    /// The square the sheet's 2D code is printed in, top right, clear of the mark.
    public var code: Rect {
        Rect(x: page.width - 18 - Self.codeSize, y: 14, width: Self.codeSize, height: Self.codeSize)
    }

    /// Baseline (right end) of the human-readable sheet id under the code.
    public var codeText: Point { Point(x: code.maxX, y: code.maxY + 3.5) }

    public var left: Double { 16 }
    public var right: Double { page.width - 16 }
    /// Where the small label above the title is written.
    public var labelBaseline: Double { 17 }
    /// Where the title is written.
    public var titleBaseline: Double { 24 }
    public var titleRight: Double { code.minX - 4 }
    /// Where content starts under the header band.
    public var contentTop: Double { 40 }
    /// Where content must end above the footer.
    public var contentBottom: Double { page.height - 17 }
    public var footerBaseline: Double { page.height - 10 }
    public var contentWidth: Double { right - left }
}
