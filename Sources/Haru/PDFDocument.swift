import CHaru
import Foundation

/// Records what libharu reports to its error handler. libharu keeps the
/// handler's user_data pointer for the whole life of the document, so the
/// document owns one collector and hands libharu an unretained pointer to it.
final class HaruErrorCollector {
    private(set) var code: HPDF_STATUS = 0
    private(set) var detail: HPDF_STATUS = 0
    private(set) var hasError = false

    func record(code: HPDF_STATUS, detail: HPDF_STATUS) {
        // Keep the first error of a call: later ones are usually consequences.
        guard !hasError else { return }
        self.code = code
        self.detail = detail
        hasError = true
    }

    func clear() {
        code = 0
        detail = 0
        hasError = false
    }
}

/// A PDF document being built: owns the libharu document handle.
///
/// Not thread-safe: build one document from one thread (or task) at a time.
public final class PDFDocument {
    let handle: HPDF_Doc
    /// Retained here for as long as libharu may call the error handler with it.
    private let errors: HaruErrorCollector
    /// Fonts loaded so far, by file path. Only the handles are kept here:
    /// a `PDFFont` retains its document, so storing fonts would be a cycle.
    private var fontsByPath: [String: (handle: HPDF_Font, name: String)] = [:]
    public private(set) var pageCount = 0
    /// PDF/A was asked for: `setInfo` also writes the XMP metadata.
    var pdfaTitlePending = false

    /// The 8-bit encoding every font is used with; see `WinAnsiEncoding`.
    static let encodingName = "CP1252"

    /// A new, empty document. `compressed` deflates page contents and fonts.
    public init(compressed: Bool = true) throws {
        let errors = HaruErrorCollector()
        let userData = Unmanaged.passUnretained(errors).toOpaque()
        let handler: HPDF_Error_Handler = { code, detail, userData in
            guard let userData else { return }
            Unmanaged<HaruErrorCollector>.fromOpaque(userData).takeUnretainedValue()
                .record(code: code, detail: detail)
        }
        guard let doc = HPDF_New(handler, userData) else {
            throw PDFError(
                operation: "skapa PDF-dokumentet",
                reason: .library(function: "HPDF_New", code: errors.code, detail: errors.detail))
        }
        self.handle = doc
        self.errors = errors
        // From here on deinit frees the handle, also if a later step throws.
        let mode = HPDF_UINT(compressed ? HPDF_COMP_ALL : HPDF_COMP_NONE)
        try perform("slå på komprimering", "HPDF_SetCompressionMode") {
            HPDF_SetCompressionMode(doc, mode)
        }
    }

    deinit {
        HPDF_Free(handle)
    }

    // MARK: Checked calls into libharu

    /// Runs a libharu call that returns a status and throws if it, or the
    /// error handler, reported a failure.
    func perform(_ operation: String, _ function: String, _ call: () -> HPDF_STATUS) throws {
        errors.clear()
        let status = call()
        if status != HPDF_STATUS(HPDF_OK) || errors.hasError {
            throw takeError(operation, function, status: status)
        }
    }

    /// Runs a libharu call that returns a handle and throws if it is nil or
    /// the error handler reported a failure.
    func obtain<T>(_ operation: String, _ function: String, _ call: () -> T?) throws -> T {
        errors.clear()
        let result = call()
        guard let result, !errors.hasError else {
            throw takeError(operation, function, status: HPDF_STATUS(HPDF_OK))
        }
        return result
    }

    /// Clears libharu's error state after a failure that is already being
    /// reported (used on cleanup paths, which must not throw a second error).
    func discardError() {
        errors.clear()
        HPDF_ResetError(handle)
    }

    /// Whether libharu reported an error since the last checked call; clears it.
    func takeErrorIfAny(_ operation: String, _ function: String) -> PDFError? {
        guard errors.hasError else { return nil }
        return takeError(operation, function, status: HPDF_STATUS(HPDF_OK))
    }

    private func takeError(_ operation: String, _ function: String, status: HPDF_STATUS) -> PDFError {
        var code = errors.hasError ? errors.code : status
        var detail = errors.detail
        if code == HPDF_STATUS(HPDF_OK) {
            // Nil handle without a report: ask the document itself.
            code = HPDF_GetError(handle)
            detail = HPDF_GetErrorDetail(handle)
        }
        discardError()
        return PDFError(operation: operation, reason: .library(function: function, code: code, detail: detail))
    }

    // MARK: Content

    /// Loads the TrueType font at `path` and embeds it (the glyphs used) in
    /// the document. Each file is read once per document: asking again for
    /// the same path returns the same font.
    public func embedTrueTypeFont(at path: String) throws -> PDFFont {
        if let font = fontsByPath[path] {
            return PDFFont(handle: font.handle, name: font.name, document: self)
        }
        guard access(path, R_OK) == 0 else {
            throw PDFError(operation: "läsa in typsnitt", reason: .fontFileMissing(path: path, debianPackage: nil))
        }
        let namePointer = try obtain("läsa in typsnittet \(path)", "HPDF_LoadTTFontFromFile") {
            HPDF_LoadTTFontFromFile(handle, path, HPDF_TRUE)
        }
        let name = String(cString: namePointer)
        let fontHandle = try obtain("använda typsnittet \(name)", "HPDF_GetFont") {
            HPDF_GetFont(handle, namePointer, Self.encodingName)
        }
        fontsByPath[path] = (fontHandle, name)
        return PDFFont(handle: fontHandle, name: name, document: self)
    }

    /// Appends a page of the given size in millimetres.
    public func addPage(widthMM: Double, heightMM: Double) throws -> PDFPage {
        // libharu accepts 3...14400 points; check first so that a bad size
        // leaves no page behind (libharu cannot remove a page once added).
        let validMM = (3.0 * PDFPage.millimetresPerPoint)...(14400.0 * PDFPage.millimetresPerPoint)
        guard widthMM.isFinite, heightMM.isFinite, validMM.contains(widthMM), validMM.contains(heightMM) else {
            throw PDFError(
                operation: "lägga till en sida",
                reason: .invalidArgument(
                    "sidstorleken \(widthMM) × \(heightMM) mm ligger utanför "
                        + "\(Int(validMM.lowerBound.rounded(.up)))–\(Int(validMM.upperBound)) mm"))
        }
        let page = try obtain("lägga till en sida", "HPDF_AddPage") { HPDF_AddPage(handle) }
        let widthPt = widthMM * PDFPage.pointsPerMillimetre
        let heightPt = heightMM * PDFPage.pointsPerMillimetre
        try perform("sätta sidans bredd", "HPDF_Page_SetWidth") { HPDF_Page_SetWidth(page, HPDF_REAL(widthPt)) }
        try perform("sätta sidans höjd", "HPDF_Page_SetHeight") { HPDF_Page_SetHeight(page, HPDF_REAL(heightPt)) }
        pageCount += 1
        return PDFPage(
            handle: page, document: self, widthMM: widthMM, heightMM: heightMM,
            heightPoints: Double(HPDF_REAL(heightPt)))
    }

    /// Sets the document information dictionary. Text is stored in
    /// PDFDocEncoding ("?" for characters outside it, as on the pages).
    public func setInfo(title: String, author: String? = nil, creator: String? = nil) throws {
        try setInfoAttribute(HPDF_INFO_TITLE, title, "titel")
        if pdfaTitlePending {
            try addPDFAMetadata(title: title)
            pdfaTitlePending = false
        }
        if let author { try setInfoAttribute(HPDF_INFO_AUTHOR, author, "författare") }
        if let creator { try setInfoAttribute(HPDF_INFO_CREATOR, creator, "skapare") }
    }

    private func setInfoAttribute(_ type: HPDF_InfoType, _ value: String, _ label: String) throws {
        let chars = PDFDocEncoding.cString(value)
        try perform("sätta dokumentets \(label)", "HPDF_SetInfoAttr") {
            HPDF_SetInfoAttr(handle, type, chars)
        }
    }

    // MARK: Output

    /// The finished PDF as bytes (through libharu's memory stream).
    public func data() throws -> Data {
        try perform("skapa PDF-data", "HPDF_SaveToStream") { HPDF_SaveToStream(handle) }
        let size = HPDF_GetStreamSize(handle)
        if let error = takeErrorIfAny("läsa PDF-data", "HPDF_GetStreamSize") { throw error }
        try perform("läsa PDF-data", "HPDF_ResetStream") { HPDF_ResetStream(handle) }
        var bytes = [UInt8](repeating: 0, count: Int(size))
        var read = HPDF_UINT32(size)
        try perform("läsa PDF-data", "HPDF_ReadFromStream") {
            HPDF_ReadFromStream(handle, &bytes, &read)
        }
        guard read == size else {
            throw PDFError(
                operation: "läsa PDF-data",
                reason: .library(
                    function: "HPDF_ReadFromStream",
                    code: HPDF_STATUS(HPDF_STREAM_EOF), detail: HPDF_STATUS(read)))
        }
        return Data(bytes)
    }
}
