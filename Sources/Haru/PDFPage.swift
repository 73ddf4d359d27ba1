import CHaru
import Raster

/// One page of a `PDFDocument`. Coordinates in the API are millimetres from
/// the page's top-left corner, y downwards; the page converts them to PDF
/// points from the bottom-left corner.
///
/// Content is added only inside `draw` and `text`, which hand out a context
/// for the duration of a closure and keep libharu's graphics/text mode state
/// balanced: text calls exist only on `TextContext`, drawing calls only on
/// `GraphicsContext`, so mixing them does not compile. A context kept past
/// its closure refuses every call with a `PDFError` (`.misuse`).
///
/// (Non-copyable, `borrowing` contexts would make escaping a compile error
/// too, but Swift 6.3's move-only checker crashes on closures that capture
/// them, so the check is made at run time.)
public final class PDFPage {
    public static let pointsPerMillimetre = 72.0 / 25.4
    public static let millimetresPerPoint = 25.4 / 72.0

    let handle: HPDF_Page
    public let document: PDFDocument
    public let widthMM: Double
    public let heightMM: Double
    private let heightPoints: Double
    /// The block (`draw` or `text` closure) running on this page, if any.
    private var openBlock: UInt64?
    private var blockCounter: UInt64 = 0
    /// The font chosen in the running `text` closure.
    var textFont: PDFFont?
    var textSize = 0.0

    init(handle: HPDF_Page, document: PDFDocument, widthMM: Double, heightMM: Double, heightPoints: Double) {
        self.handle = handle
        self.document = document
        self.widthMM = widthMM
        self.heightMM = heightMM
        self.heightPoints = heightPoints
    }

    // MARK: Coordinates

    /// A length in millimetres as PDF points; throws for NaN or infinity.
    func points(_ mm: Double, _ what: String) throws -> HPDF_REAL {
        guard mm.isFinite else {
            throw PDFError(operation: "rita på sidan", reason: .invalidArgument("\(what) är \(mm)"))
        }
        return HPDF_REAL(mm * Self.pointsPerMillimetre)
    }

    /// An x coordinate in millimetres as PDF points.
    func x(_ mm: Double) throws -> HPDF_REAL { try points(mm, "x") }

    /// A y coordinate in millimetres from the top as PDF points from the bottom.
    func y(_ mm: Double) throws -> HPDF_REAL {
        guard mm.isFinite else {
            throw PDFError(operation: "rita på sidan", reason: .invalidArgument("y är \(mm)"))
        }
        return HPDF_REAL(heightPoints - mm * Self.pointsPerMillimetre)
    }

    /// A libharu call on this page, checked.
    func perform(_ operation: String, _ function: String, _ call: (HPDF_Page) -> HPDF_STATUS) throws {
        try document.perform(operation, function) { call(handle) }
    }

    /// A libharu call from a context of `block`; refused if that block has ended.
    func perform(
        in block: UInt64, _ operation: String, _ function: String,
        _ call: (HPDF_Page) -> HPDF_STATUS
    ) throws {
        try checkOpen(block, operation)
        try document.perform(operation, function) { call(handle) }
    }

    /// Throws unless `block` is the block running on this page.
    func checkOpen(_ block: UInt64, _ operation: String) throws {
        guard openBlock == block else {
            throw PDFError(
                operation: operation,
                reason: .misuse("rit- eller textblocket är redan avslutat (kontexten användes utanför sitt block)"))
        }
    }

    var graphicsMode: HPDF_UINT16 { HPDF_Page_GetGMode(handle) }

    // MARK: Contexts

    /// Draws lines and shapes. The graphics state (line width, colours, dash)
    /// is saved before and restored after `body`, so each block starts from
    /// the defaults: 1 pt black lines, black fill.
    public func draw(_ body: (GraphicsContext) throws -> Void) throws {
        let block = try enter("rita")
        defer { openBlock = nil }
        try perform("spara grafiktillståndet", "HPDF_Page_GSave") { HPDF_Page_GSave($0) }
        do {
            try body(GraphicsContext(page: self, block: block))
            // Only a PathBuilder kept past its `path` call can leave a path open.
            guard graphicsMode == HPDF_UINT16(HPDF_GMODE_PAGE_DESCRIPTION) else {
                throw PDFError(operation: "rita", reason: .misuse("en väg lämnades oavslutad"))
            }
        } catch {
            recoverToPageDescription()
            _ = HPDF_Page_GRestore(handle)
            document.discardError()
            throw error
        }
        try perform("återställa grafiktillståndet", "HPDF_Page_GRestore") { HPDF_Page_GRestore($0) }
    }

    /// Sets text. Choose a font with `font(_:size:)` before `show`.
    /// Between BeginText and EndText; the fill colour is restored afterwards.
    public func text(_ body: (TextContext) throws -> Void) throws {
        let block = try enter("skriva text")
        defer {
            openBlock = nil
            textFont = nil
            textSize = 0
        }
        try perform("spara grafiktillståndet", "HPDF_Page_GSave") { HPDF_Page_GSave($0) }
        do {
            try perform("börja text", "HPDF_Page_BeginText") { HPDF_Page_BeginText($0) }
        } catch {
            _ = HPDF_Page_GRestore(handle)
            document.discardError()
            throw error
        }
        do {
            try body(TextContext(page: self, block: block))
        } catch {
            _ = HPDF_Page_EndText(handle)
            _ = HPDF_Page_GRestore(handle)
            document.discardError()
            throw error
        }
        try perform("avsluta text", "HPDF_Page_EndText") { HPDF_Page_EndText($0) }
        try perform("återställa grafiktillståndet", "HPDF_Page_GRestore") { HPDF_Page_GRestore($0) }
    }

    private func enter(_ what: String) throws -> UInt64 {
        guard openBlock == nil else {
            throw PDFError(
                operation: what,
                reason: .misuse("sidan har redan ett öppet rit- eller textblock (nästlade block är inte tillåtna)"))
        }
        blockCounter += 1
        openBlock = blockCounter
        return blockCounter
    }

    /// After a failure inside a path, ends the path so the page is usable again.
    func recoverToPageDescription() {
        if graphicsMode == HPDF_UINT16(HPDF_GMODE_PATH_OBJECT) {
            _ = HPDF_Page_EndPath(handle)
        }
    }
}
