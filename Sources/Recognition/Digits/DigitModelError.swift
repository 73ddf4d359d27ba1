import Foundation

/// Why the digit model could not be loaded. The descriptions are shown to users, in Swedish.
public enum DigitModelError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// The model file is not in the program's resources.
    case resourceMissing
    /// The data does not start with the model file's magic bytes.
    case notAModel
    /// The file was written in a format version this program cannot read.
    case unsupportedVersion(Int)
    /// The JSON header is missing or malformed.
    case corruptHeader(String)
    /// The file ends before all weights are read.
    case truncated
    /// A weight tensor does not have the shape its architecture needs.
    case shapeMismatch(String)
    /// The model was trained with another preprocessing contract.
    case preprocessingMismatch(Int)

    public var description: String {
        switch self {
        case .resourceMissing:
            return "Sifferigenkänningens modellfil (digits.avbnet) saknas i programmet."
        case .notAModel:
            return "Filen är ingen modell för sifferigenkänning."
        case .unsupportedVersion(let version):
            return "Modellfilen har formatversion \(version), som den här versionen av programmet inte kan läsa."
        case .corruptHeader(let detail):
            return "Modellfilens huvud är skadat (\(detail))."
        case .truncated:
            return "Modellfilen är avkortad: vikterna tar slut för tidigt."
        case .shapeMismatch(let tensor):
            return "Modellfilen är skadad: tensorn \(tensor) har fel form."
        case .preprocessingMismatch(let version):
            return
                "Modellen är tränad för förbehandling version \(version), programmet använder version \(DigitPreprocessor.version)."
        }
    }

    public var errorDescription: String? { description }
}
