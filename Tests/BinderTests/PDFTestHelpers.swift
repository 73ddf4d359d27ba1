import Foundation
import Binder
import TestSupport

/// A grey raster of a PDF page, from `pdftoppm -gray` (binary PGM).
struct GreyPage {
    let width: Int
    let height: Int
    let pixels: [UInt8]

    subscript(x: Int, y: Int) -> UInt8 { pixels[y * width + x] }

    /// Rasterises page `page` (1-based) of the PDF at `path` at `dpi`.
    init(pdf path: String, page: Int = 1, dpi: Int, in folder: TemporaryDirectory) throws {
        let prefix = folder.file("raster-\(page)-\(dpi)")
        try runToolChecked("pdftoppm", ["-r", "\(dpi)", "-gray", "-f", "\(page)", "-l", "\(page)",
                                        "-singlefile", path, prefix])
        let data = try Data(contentsOf: URL(fileURLWithPath: prefix + ".pgm"))
        // Header: "P5\n<width> <height>\n<maxval>\n", then one byte per pixel.
        var fields: [String] = []
        var index = data.startIndex
        while fields.count < 4 {
            while index < data.endIndex, data[index] == 0x20 || data[index] == 0x0A { index += 1 }
            var field = ""
            while index < data.endIndex, data[index] != 0x20, data[index] != 0x0A {
                field.append(Character(Unicode.Scalar(data[index])))
                index += 1
            }
            fields.append(field)
        }
        index += 1
        guard fields[0] == "P5", let w = Int(fields[1]), let h = Int(fields[2]) else {
            throw ToolError(description: "not a binary PGM: \(fields)")
        }
        width = w
        height = h
        pixels = Array(data[index..<(index + w * h)])
    }

    /// Pixel at a position in millimetres from the top-left.
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
