import Foundation
import Raster

/// What a text field says, as far as OCR can tell.
public struct TextReading: Sendable, Equatable {
    /// The recognised text, lines joined with "\n", trimmed; empty when nothing is written.
    public var text: String
    /// How far the text can be trusted, 0–1. For handwriting this is often
    /// low: the field then goes to review with the image.
    public var confidence: Double
    /// No writing was found in the field (decided from the ink, without OCR).
    public var isEmpty: Bool
}

/// Reads text fields with Tesseract (`swe`).
///
/// One reader keeps one initialised engine for all the fields it reads.
/// Not thread-safe: give each thread its own `TextReader`.
public final class TextReader {
    private let engine: TesseractEngine
    /// How many crops were sent to Tesseract (empty fields are not).
    public private(set) var recognitionCount = 0
    /// Confidence of an empty reading (the ink decides; nothing to misread).
    public var emptyConfidence = 0.97

    /// Starts Tesseract with `language`, its data found on the system unless `dataPath` is given.
    public init(language: String = "swe", dataPath: String? = nil) throws(TextRecognitionError) {
        engine = try TesseractEngine(language: language, dataPath: dataPath)
    }

    /// Reads one field's crop (border remnants and ruling lines are removed).
    public func read(_ crop: GreyImage) throws(TextRecognitionError) -> TextReading {
        let prepared = TextCrop(crop)
        guard let image = prepared.image else {
            return TextReading(text: "", confidence: emptyConfidence, isEmpty: true)
        }
        recognitionCount += 1
        let result = try engine.recognize(image, layout: prepared.lineCount > 1 ? .singleBlock : .singleLine)
        let lines = result.text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let text = lines.filter { !$0.isEmpty }.joined(separator: "\n")
        guard !text.isEmpty else { return TextReading(text: "", confidence: 0, isEmpty: false) }
        let words = result.wordConfidences.isEmpty ? [result.meanConfidence] : result.wordConfidences
        let mean = Double(words.reduce(0, +)) / Double(words.count) / 100
        let weakest = Double(words.min() ?? 0) / 100
        // A single unreadable word spoils the field: weigh the weakest word in.
        let tesseract = 0.7 * mean + 0.3 * weakest
        return TextReading(text: text, confidence: tesseract * TextPlausibility.score(text), isEmpty: false)
    }
}
