import Foundation

/// Scans made the way a clerk would make them: print sheets with the real
/// binary, rasterise them, and add ink or damage with ImageMagick.
public enum ScanFixtures {
    /// Prints `copies` blank sheets of `form` and rasterises them at `dpi`
    /// into PNG files `<name>-<n>.png` in `dir`; returns their paths.
    public static func blankSheets(
        form: String, copies: Int = 1, dpi: Int = 200, binderID: String = "K7M3QX",
        in dir: TemporaryDirectory, name: String = "blad"
    ) throws -> [String] {
        let pdf = dir.file("\(name).pdf")
        let printed = try runAvbrott([
            "print", "--form", form, "--copies", "\(copies)", "--binder-id", binderID, "-o", pdf,
        ])
        guard printed.status == 0 else { throw ToolError(description: "print failed: \(printed.errorText)") }
        try runToolChecked("pdftoppm", ["-r", "\(dpi)", "-gray", "-png", pdf, dir.file(name)])
        try FileManager.default.removeItem(atPath: pdf)
        return try dir.contents().filter { $0.hasPrefix("\(name)-") && $0.hasSuffix(".png") }.sorted().map(dir.file)
    }

    /// A blank sheet of `form` that carries the sheet code of `codeFrom`
    /// (another form on paper of the same orientation): the code's square and
    /// the printed id under it are cut from a real `codeFrom` sheet and pasted
    /// over the page's own. Written as a PNG at `dpi`; returns its path.
    public static func forged(
        form: String, codeFrom: String, dpi: Int = 300, in dir: TemporaryDirectory, name: String = "forfalskad"
    ) throws -> String {
        let page = try blankSheets(form: form, dpi: dpi, in: dir, name: "\(name)-sida")[0]
        let donor = try blankSheets(form: codeFrom, dpi: dpi, in: dir, name: "\(name)-kod")[0]
        // Both forms put their code at the same place (the frame is shared); x and y in mm.
        let layout = try runToolChecked(RepositoryPaths.executable.path, ["forms", "layout", codeFrom, "--json"])
        guard let json = try JSONSerialization.jsonObject(with: Data(layout.utf8)) as? [String: Any],
            let code = json["code"] as? [String: Double], let x = code["x"], let y = code["y"], let side = code["width"]
        else { throw ToolError(description: "no code in the layout of \(codeFrom)") }
        let px = Double(dpi) / 25.4
        let (left, top) = (Int((x - 2) * px), Int((y - 2) * px))
        let (width, height) = (Int((side + 4) * px), Int((side + 9) * px))
        let out = dir.file("\(name).png")
        try runToolChecked(
            "convert",
            [
                page, "(", donor, "-crop", "\(width)x\(height)+\(left)+\(top)", "+repage", ")",
                "-geometry", "+\(left)+\(top)", "-composite", out,
            ])
        return out
    }

    /// Draws ink strokes (polylines in mm on an A4 page at `dpi`) into a PNG.
    public static func draw(
        strokes: [[(Double, Double)]], into path: String, dpi: Int, output: String? = nil,
        width: Int = 3
    ) throws {
        let s = Double(dpi) / 25.4
        var arguments = [path, "-stroke", "black", "-strokewidth", "\(width)", "-fill", "none"]
        for stroke in strokes {
            let points = stroke.map { "\(Int($0.0 * s)),\(Int($0.1 * s))" }.joined(separator: " ")
            arguments += ["-draw", "polyline \(points)"]
        }
        try runToolChecked("convert", arguments + [output ?? path])
    }

    /// A PNG file whose header claims `width` × `height` pixels, with no image data.
    public static func pngHeader(width: UInt32, height: UInt32) -> Data {
        var data = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var chunk = Data("IHDR".utf8)
        for value in [width, height] { withUnsafeBytes(of: value.bigEndian) { chunk.append(contentsOf: $0) } }
        chunk.append(contentsOf: [8, 0, 0, 0, 0])
        withUnsafeBytes(of: UInt32(13).bigEndian) { data.append(contentsOf: $0) }
        data.append(chunk)
        withUnsafeBytes(of: crc32(chunk).bigEndian) { data.append(contentsOf: $0) }
        return data
    }

    static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (crc & 1 == 1 ? 0xEDB8_8320 : 0) }
        }
        return ~crc
    }
}
