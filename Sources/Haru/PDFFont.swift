import CHaru
import Foundation

/// An embedded TrueType font of one document, used with CP1252.
/// Keeps its document alive: the handle belongs to the document.
public struct PDFFont {
    let handle: HPDF_Font
    /// The PostScript name libharu gave the font, e.g. "DejaVuSans,Book".
    public let name: String
    let document: PDFDocument

    init(handle: HPDF_Font, name: String, document: PDFDocument) {
        self.handle = handle
        self.name = name
        self.document = document
    }

    /// Width in millimetres of `text` set at `size` points (characters outside
    /// CP1252 measured as the "?" they are printed as).
    ///
    /// `HPDF_Font_TextWidth` only fails for an invalid font handle, which a
    /// `PDFFont` never holds; should libharu still report an error, its error
    /// state is cleared and the width counts as 0.
    public func width(of text: String, size: Double) -> Double {
        let bytes = WinAnsiEncoding.encode(text)
        guard !bytes.isEmpty else { return 0 }
        let measured = HPDF_Font_TextWidth(handle, bytes, HPDF_UINT(bytes.count))
        if document.takeErrorIfAny("mäta text", "HPDF_Font_TextWidth") != nil { return 0 }
        return Double(measured.width) / 1000 * size * PDFPage.millimetresPerPoint
    }

    /// Height above the baseline in millimetres at `size` points.
    public func ascent(size: Double) -> Double { metric(HPDF_Font_GetAscent(handle), size) }
    /// Depth below the baseline in millimetres at `size` points (positive).
    public func descent(size: Double) -> Double { -metric(HPDF_Font_GetDescent(handle), size) }
    /// Height of capital letters in millimetres at `size` points.
    public func capHeight(size: Double) -> Double { metric(HPDF_INT(HPDF_Font_GetCapHeight(handle)), size) }

    private func metric(_ thousandths: HPDF_INT, _ size: Double) -> Double {
        _ = document.takeErrorIfAny("läsa typsnittsmått", "HPDF_Font_Get…")
        return Double(thousandths) / 1000 * size * PDFPage.millimetresPerPoint
    }
}

extension PDFFont: Equatable {
    public static func == (lhs: PDFFont, rhs: PDFFont) -> Bool { lhs.handle == rhs.handle }
}

/// The three fonts the binder prints with, loaded once into a document.
public struct FontSet {
    public let regular: PDFFont
    public let bold: PDFFont
    public let mono: PDFFont

    /// Where Debian's fonts-dejavu-core puts the DejaVu fonts.
    public static let defaultDirectory = "/usr/share/fonts/truetype/dejavu"
    /// The Debian package that provides the files.
    public static let debianPackage = "fonts-dejavu-core"
    public static let regularFile = "DejaVuSans.ttf"
    public static let boldFile = "DejaVuSans-Bold.ttf"
    public static let monoFile = "DejaVuSansMono.ttf"

    /// Embeds DejaVu Sans, DejaVu Sans Bold and DejaVu Sans Mono from
    /// `directory` into `document`. Throws a Swedish error naming the first
    /// missing file and the Debian package that provides it.
    public static func load(into document: PDFDocument, directory: String = defaultDirectory) throws -> FontSet {
        func load(_ file: String) throws -> PDFFont {
            let path = (directory as NSString).appendingPathComponent(file)
            guard access(path, R_OK) == 0 else {
                throw PDFError(
                    operation: "läsa in typsnitt",
                    reason: .fontFileMissing(path: path, debianPackage: debianPackage))
            }
            return try document.embedTrueTypeFont(at: path)
        }
        return FontSet(regular: try load(regularFile), bold: try load(boldFile), mono: try load(monoFile))
    }
}
