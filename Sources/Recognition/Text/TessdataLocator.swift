import Foundation

/// Finds the directory holding Tesseract's language data on this system.
enum TessdataLocator {
    /// Directories tried in order: `$TESSDATA_PREFIX` (and its `tessdata`),
    /// then the Debian/Ubuntu and Homebrew locations.
    static func candidates(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        var paths: [String] = []
        if let prefix = environment["TESSDATA_PREFIX"], !prefix.isEmpty {
            paths += [prefix, (prefix as NSString).appendingPathComponent("tessdata")]
        }
        return paths + [
            "/usr/share/tesseract-ocr/5/tessdata",
            "/usr/share/tesseract-ocr/4.00/tessdata",
            "/usr/share/tessdata",
            "/usr/local/share/tessdata",
            "/opt/homebrew/share/tessdata",
        ]
    }

    /// The first candidate directory holding `<language>.traineddata`.
    static func directory(for language: String) throws(TextRecognitionError) -> String {
        let searched = candidates()
        for directory in searched {
            let file = (directory as NSString).appendingPathComponent("\(language).traineddata")
            if FileManager.default.isReadableFile(atPath: file) { return directory }
        }
        throw .languageDataMissing(language: language, searched: searched)
    }
}
