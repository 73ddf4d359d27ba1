/// A failure of the OCR engine; `description` is Swedish, for the user.
public enum TextRecognitionError: Error, Equatable, CustomStringConvertible {
    /// No tessdata directory holding `<language>.traineddata` was found.
    case languageDataMissing(language: String, searched: [String])
    /// `TessBaseAPICreate` returned nothing.
    case engineUnavailable
    /// `TessBaseAPIInit3` failed for this data path and language.
    case initialisationFailed(path: String, language: String, code: Int32)
    /// `TessBaseAPIRecognize` failed on a crop of this size.
    case recognitionFailed(width: Int, height: Int, code: Int32)
    /// `TessBaseAPIGetUTF8Text` returned nothing.
    case noTextResult(width: Int, height: Int)

    public var description: String {
        switch self {
        case .languageDataMissing(let language, let searched):
            return
                "Hittar inga språkdata för Tesseract (\(language).traineddata) i: \(searched.joined(separator: ", ")). Installera paketet tesseract-ocr-\(language)."
        case .engineUnavailable:
            return "Tesseract kunde inte startas."
        case .initialisationFailed(let path, let language, let code):
            return "Tesseract kunde inte läsa språket \(language) från \(path) (felkod \(code))."
        case .recognitionFailed(let width, let height, let code):
            return "Tesseract kunde inte tolka en bild på \(width)×\(height) bildpunkter (felkod \(code))."
        case .noTextResult(let width, let height):
            return "Tesseract gav ingen text för en bild på \(width)×\(height) bildpunkter."
        }
    }
}
