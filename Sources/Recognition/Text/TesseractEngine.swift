import CTesseract
import Foundation
import Raster

/// One Tesseract engine (a `TessBaseAPI`), initialised once with a language
/// and reused for many crops.
///
/// Not thread-safe: Tesseract keeps per-recognition state in the handle, so
/// each thread must use its own engine (and `TextReader`).
final class TesseractEngine {
    enum Layout {
        case singleLine, singleBlock
    }

    struct Result {
        var text: String
        /// Tesseract's mean word confidence, 0–100.
        var meanConfidence: Int
        /// Each word's confidence, 0–100.
        var wordConfidences: [Int]
    }

    private let handle: OpaquePointer
    let language: String
    let dataPath: String

    init(language: String = "swe", dataPath: String? = nil) throws(TextRecognitionError) {
        let path: String
        if let dataPath { path = dataPath } else { path = try TessdataLocator.directory(for: language) }
        guard let handle = TessBaseAPICreate() else { throw .engineUnavailable }
        let code = TessBaseAPIInit3(handle, path, language)
        guard code == 0 else {
            TessBaseAPIDelete(handle)
            throw .initialisationFailed(path: path, language: language, code: code)
        }
        // Keep Tesseract's diagnostics off the terminal; if the variable is
        // refused they merely stay on stderr, so recognition goes on.
        if TessBaseAPISetVariable(handle, "debug_file", "/dev/null") == 0 {
            FileHandle.standardError.write(Data("Tesseract: debug_file kunde inte sättas\n".utf8))
        }
        self.handle = handle
        self.language = language
        self.dataPath = path
    }

    deinit {
        TessBaseAPIEnd(handle)
        TessBaseAPIDelete(handle)
    }

    /// Recognises the text of a prepared greyscale image.
    func recognize(_ image: GreyImage, layout: Layout, resolution: Int = 300) throws(TextRecognitionError) -> Result {
        avb_openmp_single_thread()
        TessBaseAPISetPageSegMode(handle, layout == .singleLine ? PSM_SINGLE_LINE : PSM_SINGLE_BLOCK)
        let code = image.pixels.withUnsafeBufferPointer { pixels -> Int32 in
            TessBaseAPISetImage(
                handle, pixels.baseAddress, Int32(image.width), Int32(image.height), 1,
                Int32(image.width))
            TessBaseAPISetSourceResolution(handle, Int32(resolution))
            return TessBaseAPIRecognize(handle, nil)
        }
        defer { TessBaseAPIClear(handle) }
        guard code == 0 else { throw .recognitionFailed(width: image.width, height: image.height, code: code) }
        guard let utf8 = TessBaseAPIGetUTF8Text(handle) else {
            throw .noTextResult(width: image.width, height: image.height)
        }
        defer { TessDeleteText(utf8) }
        let text = String(cString: utf8)
        var words: [Int] = []
        if let confidences = TessBaseAPIAllWordConfidences(handle) {
            defer { TessDeleteIntArray(confidences) }
            var index = 0
            while confidences[index] >= 0 {
                words.append(Int(confidences[index]))
                index += 1
            }
        }
        return Result(text: text, meanConfidence: Int(TessBaseAPIMeanTextConf(handle)), wordConfidences: words)
    }
}
