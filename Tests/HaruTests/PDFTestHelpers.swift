import Foundation
import Haru
import Platform
import Raster
import TestSupport

extension GreyImage {
    /// The pixel at a position in millimetres from the top-left, for a page
    /// rasterised at `dpi` (by `Rasterize.page`).
    func at(xMM: Double, yMM: Double, dpi: Int) -> UInt8 {
        let scale = Double(dpi) / 25.4
        return self[Int(xMM * scale), Int(yMM * scale)]
    }
}

/// Fonts for the tests: the DejaVu set the binder uses.
func loadFonts(_ document: PDFDocument) throws -> FontSet {
    try FontSet.load(into: document)
}

/// Parses `pdfinfo` output into key → value.
func pdfInfo(_ path: String, _ extra: [String] = []) throws -> [String: String] {
    var info: [String: String] = [:]
    for line in try runToolChecked("pdfinfo", extra + [path]).split(separator: "\n") {
        guard let colon = line.firstIndex(of: ":") else { continue }
        let key = line[..<colon].trimmingCharacters(in: .whitespaces)
        info[key] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    return info
}

/// Writes `document` into `folder` under a fresh name and returns the path.
func writePDF(_ document: PDFDocument, in folder: TemporaryDirectory, name: String = "out.pdf") throws -> String {
    let path = folder.file(name)
    try document.write(to: path)
    return path
}

extension PDFDocument {
    /// The PDF written the way the tool writes every file.
    func write(to path: String) throws { try AtomicFile.write(try data(), to: FilePath(path)) }
}
