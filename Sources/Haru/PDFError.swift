import CHaru
import Foundation

/// A failure of the PDF wrapper, with the operation that failed and a Swedish
/// description for the user.
public struct PDFError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Reason: Equatable, Sendable {
        /// libharu reported `code` (an `HPDF_*` error code) with `detail`
        /// (usually an errno or a sub-code) from the C function `function`.
        case library(function: String, code: UInt, detail: UInt)
        /// A font file is missing or unreadable; `debianPackage` provides it, if known.
        case fontFileMissing(path: String, debianPackage: String?)
        /// A colour profile (ICC) is missing or unreadable; `debianPackage` provides it.
        case profileMissing(path: String, debianPackage: String)
        /// An argument was out of range or not a finite number.
        case invalidArgument(String)
        /// A drawing call was made in a state where it is not allowed.
        case misuse(String)
        /// libqrencode could not encode the text (`errno` from `QRcode_encodeString`).
        case qrEncoding(errno: Int32)
    }

    /// What the wrapper tried to do, in Swedish ("spara PDF-filen", "lägga till en sida").
    public let operation: String
    public let reason: Reason

    public init(operation: String, reason: Reason) {
        self.operation = operation
        self.reason = reason
    }

    /// The libharu error code, if the error came from libharu.
    public var libraryCode: UInt? {
        if case .library(_, let code, _) = reason { return code }
        return nil
    }

    public var description: String {
        "Kunde inte \(operation): \(reasonDescription)"
    }

    private var reasonDescription: String {
        switch reason {
        case .library(let function, let code, let detail):
            let hex = "0x" + String(code, radix: 16, uppercase: true)
            return "\(Self.swedishText(forHaruCode: code)) (libharu-fel \(hex), detalj \(detail), i \(function))."
        case .fontFileMissing(let path, let package):
            if let package {
                return "typsnittsfilen \(path) saknas eller går inte att läsa. "
                    + "Installera Debian-paketet \(package) (apt-get install \(package))."
            }
            return "typsnittsfilen \(path) saknas eller går inte att läsa."
        case .profileMissing(let path, let package):
            return "färgprofilen \(path) saknas eller går inte att läsa. "
                + "Installera Debian-paketet \(package) (apt-get install \(package))."
        case .invalidArgument(let what):
            return "ogiltigt värde: \(what)."
        case .misuse(let what):
            return "felaktig användning: \(what)."
        case .qrEncoding(let code):
            return "QR-koden gick inte att skapa: \(Self.swedishText(forQRErrno: code)) (errno \(code))."
        }
    }

    /// Swedish text for the libharu error codes the wrapper can plausibly meet.
    static func swedishText(forHaruCode code: UInt) -> String {
        switch Int32(truncatingIfNeeded: code) {
        case HPDF_FAILD_TO_ALLOC_MEM: return "minnet tog slut"
        case HPDF_FILE_IO_ERROR: return "fel vid skrivning eller läsning av fil"
        case HPDF_FILE_OPEN_ERROR: return "filen gick inte att öppna"
        case HPDF_FONT_EXISTS: return "typsnittet är redan inläst"
        case HPDF_INVALID_DOCUMENT: return "dokumentet är ogiltigt"
        case HPDF_INVALID_ENCODING_NAME: return "okänd teckenkodning"
        case HPDF_INVALID_FONT_NAME, HPDF_INVALID_FONT: return "ogiltigt typsnitt"
        case HPDF_INVALID_FONTDEF_DATA, HPDF_INVALID_FONTDEF_TYPE: return "ogiltiga typsnittsdata"
        case HPDF_INVALID_PAGE: return "ogiltig sida"
        case HPDF_INVALID_PARAMETER: return "ogiltig parameter"
        case HPDF_PAGE_FONT_NOT_FOUND: return "inget typsnitt valt på sidan"
        case HPDF_PAGE_INVALID_FONT: return "ogiltigt typsnitt för sidan"
        case HPDF_PAGE_INVALID_FONT_SIZE: return "ogiltig teckenstorlek"
        case HPDF_PAGE_INVALID_GMODE: return "otillåtet ritläge (text- och grafikanrop blandade)"
        case HPDF_PAGE_INVALID_SIZE: return "ogiltig sidstorlek"
        case HPDF_PAGE_OUT_OF_RANGE: return "värdet ligger utanför det tillåtna intervallet"
        case HPDF_PAGE_CANNOT_RESTORE_GSTATE: return "grafiktillståndet kunde inte återställas"
        case HPDF_EXCEED_GSTATE_LIMIT: return "för många nästlade grafiktillstånd"
        case HPDF_REAL_OUT_OF_RANGE: return "talet är för stort"
        case HPDF_STRING_OUT_OF_RANGE: return "texten är för lång"
        case HPDF_TTF_CANNOT_EMBEDDING_FONT: return "typsnittet får inte bäddas in"
        case HPDF_TTF_INVALID_CMAP, HPDF_TTF_INVALID_FOMAT, HPDF_TTF_MISSING_TABLE, HPDF_INVALID_TTC_FILE:
            return "filen är inte ett giltigt TrueType-typsnitt"
        case HPDF_UNSUPPORTED_FONT_TYPE: return "typsnittstypen stöds inte"
        case HPDF_ZLIB_ERROR: return "komprimeringen misslyckades"
        case HPDF_STREAM_EOF: return "oväntat slut på dataströmmen"
        default: return "okänt fel i PDF-biblioteket"
        }
    }

    static func swedishText(forQRErrno code: Int32) -> String {
        switch code {
        case ERANGE: return "texten är för lång för en QR-kod"
        case EINVAL: return "ogiltig text"
        case ENOMEM: return "minnet tog slut"
        default: return "okänt fel i QR-biblioteket"
        }
    }
}
