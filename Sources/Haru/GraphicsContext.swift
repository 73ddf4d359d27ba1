import CHaru
import Raster

/// How a path is painted.
public enum PathPaint: Sendable {
    case stroke, fill, fillAndStroke
}

/// Drawing on a page, valid for the duration of `PDFPage.draw`. All lengths
/// in millimetres, from the page's top-left corner, y downwards. Every shape
/// method builds a complete path and paints it, so libharu's path mode never
/// leaks out of a call.
public struct GraphicsContext {
    let page: PDFPage
    let block: UInt64

    init(page: PDFPage, block: UInt64) {
        self.page = page
        self.block = block
    }

    /// A checked libharu call, refused once the block has ended.
    private func perform(_ operation: String, _ function: String, _ call: (HPDF_Page) -> HPDF_STATUS) throws {
        try page.perform(in: block, operation, function, call)
    }

    // MARK: State

    /// Line width in millimetres.
    public func setLineWidth(_ mm: Double) throws {
        let width = try page.points(mm, "linjebredd")
        try perform("sätta linjebredd", "HPDF_Page_SetLineWidth") { HPDF_Page_SetLineWidth($0, width) }
    }

    /// Stroke colour as grey, 0 = black ... 1 = white.
    public func strokeGrey(_ grey: Double) throws {
        let value = try Self.unit(grey, "grånivå")
        try perform("sätta linjefärg", "HPDF_Page_SetGrayStroke") { HPDF_Page_SetGrayStroke($0, value) }
    }

    /// Fill colour as grey, 0 = black ... 1 = white.
    public func fillGrey(_ grey: Double) throws {
        let value = try Self.unit(grey, "grånivå")
        try perform("sätta fyllnadsfärg", "HPDF_Page_SetGrayFill") { HPDF_Page_SetGrayFill($0, value) }
    }

    /// Dashed lines: alternating dash and gap lengths in millimetres (at most
    /// 8 values; libharu stores whole points, so each is rounded to ≥ 1 pt).
    /// An empty pattern draws solid lines again.
    public func setDash(_ pattern: [Double], phase: Double = 0) throws {
        guard pattern.count <= 8, pattern.allSatisfy({ $0.isFinite && $0 > 0 }), phase.isFinite, phase >= 0 else {
            throw PDFError(
                operation: "sätta streckmönster",
                reason: .invalidArgument("streckmönstret \(pattern) (högst 8 positiva längder)"))
        }
        let dashes = pattern.map { HPDF_UINT16(min(1000, max(1, ($0 * PDFPage.pointsPerMillimetre).rounded()))) }
        let phasePoints = HPDF_UINT(min(1000, (phase * PDFPage.pointsPerMillimetre).rounded()))
        try perform("sätta streckmönster", "HPDF_Page_SetDash") { handle in
            dashes.isEmpty
                ? HPDF_Page_SetDash(handle, nil, 0, 0)
                : HPDF_Page_SetDash(handle, dashes, HPDF_UINT(dashes.count), phasePoints)
        }
    }

    // MARK: Shapes

    /// A straight stroked line.
    public func line(from start: PlanePoint, to end: PlanePoint) throws {
        try path(.stroke) { p in
            try p.move(to: start)
            try p.line(to: end)
        }
    }

    /// A rectangle, stroked by default.
    public func rect(_ r: PlaneRect, _ paint: PathPaint = .stroke) throws {
        try path(paint) { p in try p.rect(r) }
    }

    /// A rectangle given by its top-left corner and size, stroked by default.
    public func rect(x: Double, y: Double, width: Double, height: Double, _ paint: PathPaint = .stroke) throws {
        try rect(PlaneRect(x: x, y: y, width: width, height: height), paint)
    }

    /// A circle, stroked by default.
    public func circle(center: PlanePoint, radius: Double, _ paint: PathPaint = .stroke) throws {
        try path(paint) { p in try p.circle(center: center, radius: radius) }
    }

    /// Connected straight segments through `points`, optionally closed.
    public func polyline(_ points: [PlanePoint], closed: Bool = false, _ paint: PathPaint = .stroke) throws {
        guard let first = points.first else { return }
        try path(paint) { p in
            try p.move(to: first)
            for point in points.dropFirst() { try p.line(to: point) }
            if closed { try p.close() }
        }
    }

    /// Builds one path of any number of subpaths with `build` and paints it
    /// with a single operator, the cheapest way to draw many shapes of one
    /// style. A path to which `build` adds nothing paints nothing.
    public func path(_ paint: PathPaint, _ build: (PathBuilder) throws -> Void) throws {
        try page.checkOpen(block, "rita")
        do {
            try build(PathBuilder(page: page, block: block))
        } catch {
            page.recoverToPageDescription()
            page.document.discardError()
            throw error
        }
        guard page.graphicsMode == HPDF_UINT16(HPDF_GMODE_PATH_OBJECT) else { return }
        switch paint {
        case .stroke: try perform("rita linjer", "HPDF_Page_Stroke") { HPDF_Page_Stroke($0) }
        case .fill: try perform("fylla ytor", "HPDF_Page_Fill") { HPDF_Page_Fill($0) }
        case .fillAndStroke: try perform("fylla och rita ytor", "HPDF_Page_FillStroke") { HPDF_Page_FillStroke($0) }
        }
    }

    // MARK: Nested state

    /// Runs `body` with the graphics state saved before and restored after.
    public func saved(_ body: (GraphicsContext) throws -> Void) throws {
        try perform("spara grafiktillståndet", "HPDF_Page_GSave") { HPDF_Page_GSave($0) }
        do {
            try body(self)
        } catch {
            page.recoverToPageDescription()
            _ = HPDF_Page_GRestore(page.handle)
            page.document.discardError()
            throw error
        }
        try perform("återställa grafiktillståndet", "HPDF_Page_GRestore") { HPDF_Page_GRestore($0) }
    }

    /// Runs `body` with drawing clipped to `rect`.
    public func clipped(to rect: PlaneRect, _ body: (GraphicsContext) throws -> Void) throws {
        try saved { g in
            try PathBuilder(page: g.page, block: g.block).rect(rect)
            try g.perform("sätta klippområde", "HPDF_Page_Clip") { HPDF_Page_Clip($0) }
            try g.perform("sätta klippområde", "HPDF_Page_EndPath") { HPDF_Page_EndPath($0) }
            try body(g)
        }
    }

    static func unit(_ value: Double, _ what: String) throws -> HPDF_REAL {
        guard value.isFinite, (0...1).contains(value) else {
            throw PDFError(operation: "sätta färg", reason: .invalidArgument("\(what) \(value) ligger utanför 0–1"))
        }
        return HPDF_REAL(value)
    }
}

/// Adds subpaths to the path being built in `GraphicsContext.path`.
public struct PathBuilder {
    let page: PDFPage
    let block: UInt64

    init(page: PDFPage, block: UInt64) {
        self.page = page
        self.block = block
    }

    private func perform(_ operation: String, _ function: String, _ call: (HPDF_Page) -> HPDF_STATUS) throws {
        try page.perform(in: block, operation, function, call)
    }

    /// Starts a new subpath at `point`.
    public func move(to point: PlanePoint) throws {
        let x = try page.x(point.x), y = try page.y(point.y)
        try perform("rita", "HPDF_Page_MoveTo") { HPDF_Page_MoveTo($0, x, y) }
    }

    /// A straight segment from the current point (after `move(to:)`).
    public func line(to point: PlanePoint) throws {
        let x = try page.x(point.x), y = try page.y(point.y)
        try perform("rita", "HPDF_Page_LineTo") { HPDF_Page_LineTo($0, x, y) }
    }

    /// Closes the current subpath.
    public func close() throws {
        try perform("rita", "HPDF_Page_ClosePath") { HPDF_Page_ClosePath($0) }
    }

    /// A rectangle subpath.
    public func rect(_ r: PlaneRect) throws {
        let x = try page.x(r.x), bottom = try page.y(r.y + r.height)
        let w = try page.points(r.width, "bredd"), h = try page.points(r.height, "höjd")
        try perform("rita", "HPDF_Page_Rectangle") { HPDF_Page_Rectangle($0, x, bottom, w, h) }
    }

    /// A circle subpath.
    public func circle(center: PlanePoint, radius: Double) throws {
        let x = try page.x(center.x), y = try page.y(center.y)
        let r = try page.points(radius, "radie")
        try perform("rita", "HPDF_Page_Circle") { HPDF_Page_Circle($0, x, y, r) }
    }
}
