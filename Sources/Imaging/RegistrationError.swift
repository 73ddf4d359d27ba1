import Foundation

/// Why a page could not be registered to the printed sheet. Swedish, for the clerk.
public enum RegistrationError: Error, Equatable, Sendable {
    /// No plausible mark was found in these corners (Swedish corner names).
    case marksNotFound(corners: [String])
    /// Marks were found but do not form the printed rectangle.
    case implausibleGeometry(detail: String)
    /// The geometry given by the caller is unusable (not four distinct marks).
    case invalidSheetGeometry
}

extension RegistrationError: LocalizedError, CustomStringConvertible {
    public var errorDescription: String? { description }

    public var description: String {
        switch self {
        case .marksNotFound(let corners):
            return "Hittar inte registreringsmärkena (saknas: \(corners.joined(separator: ", "))). "
                + "Skanna om sidan hel och rak, utan att hörnen är vikta eller täckta."
        case .implausibleGeometry(let detail):
            return "Registreringsmärkena bildar ingen rimlig sida: \(detail). Skanna om sidan."
        case .invalidSheetGeometry:
            return "Arkets geometri är ogiltig: det behövs fyra registreringsmärken i hörnen."
        }
    }
}
