import Foundation

/// A failure while loading or converting an image. Messages are Swedish and
/// name the file, because they are shown to the clerk who scanned the pages.
public enum ImagingError: Error, Equatable, Sendable {
    /// The file could not be opened or read at all.
    case unreadable(file: String, reason: String)
    /// The file has zero bytes.
    case emptyFile(file: String)
    /// The magic bytes match none of PNG, JPEG, TIFF or PDF.
    case unsupportedFormat(file: String)
    /// The file (or one page of it) is damaged or cut short.
    case damaged(file: String, page: Int?, detail: String)
    /// An image is larger than the configured limit; refused before decoding.
    case tooLarge(file: String, page: Int?, width: Int, height: Int, maxSide: Int, maxPixels: Int)
    /// A PDF without pages.
    case noPages(file: String)
    /// More pages than the limit; nothing is read.
    case tooManyPages(file: String, max: Int)
    /// A PDF that needs a password.
    case encrypted(file: String)
    /// A Leptonica operation on an image already in memory failed.
    case leptonica(operation: String)
}

extension ImagingError: LocalizedError, CustomStringConvertible {
    public var errorDescription: String? { description }

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            return "Kan inte läsa filen \(file): \(reason)."
        case .emptyFile(let file):
            return "Filen \(file) är tom (0 byte)."
        case .unsupportedFormat(let file):
            return "Filen \(file) har ett format som inte stöds; skanna till PNG, JPEG, TIFF eller PDF."
        case .damaged(let file, let page, let detail):
            return "Filen \(file)\(Self.pageText(page)) är skadad eller ofullständig: \(detail)."
        case .tooLarge(let file, let page, let w, let h, let maxSide, let maxPixels):
            return "Bilden i \(file)\(Self.pageText(page)) är för stor (\(w) × \(h) bildpunkter); "
                + "högst \(maxSide) bildpunkter per sida och \(maxPixels / 1_000_000) miljoner bildpunkter tillåts."
        case .noPages(let file):
            return "PDF-filen \(file) innehåller inga sidor."
        case .tooManyPages(let file, let max):
            return "Filen \(file) har fler än \(max) sidor, mer än vad som läses in ur en fil. Dela upp skanningen."
        case .encrypted(let file):
            return "PDF-filen \(file) är krypterad (lösenordsskyddad) och kan inte läsas. "
                + "Skanna på nytt utan lösenord, eller spara en kopia utan skydd."
        case .leptonica(let operation):
            return "Bildbehandlingen misslyckades (\(operation))."
        }
    }

    private static func pageText(_ page: Int?) -> String {
        page.map { ", sida \($0)," } ?? ""
    }
}
