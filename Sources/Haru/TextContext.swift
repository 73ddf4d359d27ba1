import CHaru

/// Horizontal placement of a text run relative to its x coordinate.
public enum TextAlignment: Sendable {
    case left, center, right
}

/// Setting text on a page, valid for the duration of `PDFPage.text`, between
/// libharu's BeginText and EndText. Coordinates in millimetres from the
/// page's top-left corner; `baselineY` is the baseline's distance from the top.
public struct TextContext {
    let page: PDFPage
    let block: UInt64

    init(page: PDFPage, block: UInt64) {
        self.page = page
        self.block = block
    }

    private func perform(_ operation: String, _ function: String, _ call: (HPDF_Page) -> HPDF_STATUS) throws {
        try page.perform(in: block, operation, function, call)
    }

    /// Chooses the font and size (points) for the following `show` calls.
    public func font(_ font: PDFFont, size: Double) throws {
        guard font.document === page.document else {
            throw PDFError(operation: "välja typsnitt", reason: .misuse("typsnittet hör till ett annat dokument"))
        }
        guard size.isFinite, size > 0, size <= 300 else {
            throw PDFError(operation: "välja typsnitt", reason: .invalidArgument("teckenstorleken \(size) pt"))
        }
        try perform("välja typsnitt", "HPDF_Page_SetFontAndSize") {
            HPDF_Page_SetFontAndSize($0, font.handle, HPDF_REAL(size))
        }
        page.textFont = font
        page.textSize = size
    }

    /// Text colour as grey, 0 = black ... 1 = white.
    public func grey(_ grey: Double) throws {
        let value = try GraphicsContext.unit(grey, "grånivå")
        try perform("sätta textfärg", "HPDF_Page_SetGrayFill") { HPDF_Page_SetGrayFill($0, value) }
    }

    /// Shows one line of `text` with its baseline at `baselineY`, starting at,
    /// centred on or ending at `x`. Characters outside CP1252 print as "?".
    public func show(_ text: String, at x: Double, baselineY: Double, alignment: TextAlignment = .left) throws {
        try page.checkOpen(block, "skriva text")
        guard let font = page.textFont else {
            throw PDFError(operation: "skriva text", reason: .misuse("inget typsnitt valt före show"))
        }
        let chars = WinAnsiEncoding.cString(text)
        guard chars.count > 1 else { return }
        var left = x
        switch alignment {
        case .left: break
        case .center: left -= font.width(of: text, size: page.textSize) / 2
        case .right: left -= font.width(of: text, size: page.textSize)
        }
        let xp = try page.x(left), yp = try page.y(baselineY)
        try perform("skriva text", "HPDF_Page_TextOut") { HPDF_Page_TextOut($0, xp, yp, chars) }
    }

    /// Width in millimetres of `text` in the current font and size (0 if none).
    public func width(of text: String) -> Double {
        page.textFont?.width(of: text, size: page.textSize) ?? 0
    }
}
