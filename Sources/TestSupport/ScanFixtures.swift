import Foundation
import Haru

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
        // Both forms put their code at the same place (the frame is shared).
        let (x, y, side) = try codePlace(form: codeFrom, dpi: dpi)
        let mm = Double(dpi) / 25.4
        let (left, top) = (x - Int(2 * mm), y - Int(2 * mm))
        let (width, height) = (side + Int(4 * mm), side + Int(9 * mm))
        let out = dir.file("\(name).png")
        try runToolChecked(
            "convert",
            [
                page, "(", donor, "-crop", "\(width)x\(height)+\(left)+\(top)", "+repage", ")",
                "-geometry", "+\(left)+\(top)", "-composite", out,
            ])
        return out
    }

    /// A blank sheet of `form` whose sheet code is replaced by a QR code
    /// carrying `payload` (anything: another form's code, a foreign text, escape
    /// sequences), with the printed id under it erased. Written as a PNG at
    /// `dpi`; returns its path.
    public static func recoded(
        form: String, payload: String, dpi: Int = 300, in dir: TemporaryDirectory, name: String = "omkodad"
    ) throws -> String {
        let page = try blankSheets(form: form, dpi: dpi, in: dir, name: "\(name)-sida")[0]
        let (left, top, side) = try codePlace(form: form, dpi: dpi)
        let matrix = try QRMatrix(encoding: payload, correction: .medium)
        // The canvas covers the code's square, 2 mm around it and the printed id 7 mm below.
        let mm = Double(dpi) / 25.4
        let margin = Int(2 * mm)
        let (width, height) = (side + 2 * margin, side + margin + Int(7 * mm))
        let module = max(1, side / (matrix.size + 2))
        let origin = margin + (side - matrix.size * module) / 2
        // A plain PBM (1 is black), white around the symbol.
        var rows = ["P1", "\(width) \(height)"]
        for y in 0..<height {
            let my = y >= origin ? (y - origin) / module : -1
            rows.append(
                String(
                    (0..<width).map { x -> Character in
                        let mx = x >= origin ? (x - origin) / module : -1
                        let dark = mx >= 0 && my >= 0 && mx < matrix.size && my < matrix.size && matrix[mx, my]
                        return dark ? "1" : "0"
                    }))
        }
        let symbol = dir.file("\(name)-qr.pbm")
        try (rows.joined(separator: "\n") + "\n").write(toFile: symbol, atomically: true, encoding: .ascii)
        let out = dir.file("\(name).png")
        try runToolChecked(
            "convert", [page, symbol, "-geometry", "+\(left - margin)+\(top - margin)", "-composite", out])
        return out
    }

    /// Where `form` prints its sheet code, in pixels at `dpi`: left, top and side.
    static func codePlace(form: String, dpi: Int) throws -> (Int, Int, Int) {
        let layout = try runToolChecked(RepositoryPaths.executable.path, ["forms", "layout", form, "--json"])
        guard let json = try JSONSerialization.jsonObject(with: Data(layout.utf8)) as? [String: Any],
            let code = json["code"] as? [String: Double], let x = code["x"], let y = code["y"], let side = code["width"]
        else { throw ToolError(description: "no code in the layout of \(form)") }
        let px = Double(dpi) / 25.4
        return (Int(x * px), Int(y * px), Int(side * px))
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

/// PDF files the way a scanner writes them: one JPEG image per A4 page (in
/// the image's orientation), stored as it is (DCTDecode).
/// (ImageMagick's PDF writer is switched off by Debian's security policy.)
public enum ScannerPDF {
    /// Writes `jpegs` (paths of greyscale or colour JPEG files) as the pages of one PDF at `path`.
    public static func write(jpegs: [String], to path: String) throws {
        var body = Data("%PDF-1.4\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8)
        var offsets: [Int] = []
        func object(_ number: Int, _ content: Data) {
            offsets.append(body.count)
            body += Data("\(number) 0 obj\n".utf8) + content + Data("\nendobj\n".utf8)
        }
        // Objects: 1 catalog, 2 page tree, then per page: page, content, image.
        let pageNumbers = jpegs.indices.map { 3 + 3 * $0 }
        object(1, Data("<< /Type /Catalog /Pages 2 0 R >>".utf8))
        let kids = pageNumbers.map { "\($0) 0 R" }.joined(separator: " ")
        object(2, Data("<< /Type /Pages /Kids [\(kids)] /Count \(jpegs.count) >>".utf8))
        for (index, file) in jpegs.enumerated() {
            let jpeg = try Data(contentsOf: URL(fileURLWithPath: file))
            guard let frame = JPEGFrame(jpeg) else { throw ToolError(description: "\(file) is not a JPEG") }
            // A4 in points.
            let (short, long) = (210 / 25.4 * 72, 297 / 25.4 * 72)
            let (width, height) = frame.width > frame.height ? (long, short) : (short, long)
            let page = pageNumbers[index]
            object(
                page,
                Data(
                    """
                    << /Type /Page /Parent 2 0 R /MediaBox [0 0 \(width) \(height)] \
                    /Resources << /XObject << /Im0 \(page + 2) 0 R >> >> /Contents \(page + 1) 0 R >>
                    """.utf8))
            let draw = Data("q \(width) 0 0 \(height) 0 0 cm /Im0 Do Q".utf8)
            object(page + 1, Data("<< /Length \(draw.count) >>\nstream\n".utf8) + draw + Data("\nendstream".utf8))
            let space = frame.components == 1 ? "/DeviceGray" : "/DeviceRGB"
            object(
                page + 2,
                Data(
                    """
                    << /Type /XObject /Subtype /Image /Width \(frame.width) /Height \(frame.height) \
                    /ColorSpace \(space) /BitsPerComponent 8 /Filter /DCTDecode /Length \(jpeg.count) >>
                    stream

                    """.utf8) + jpeg + Data("\nendstream".utf8))
        }
        let xref = body.count
        body += Data("xref\n0 \(offsets.count + 1)\n0000000000 65535 f \n".utf8)
        for offset in offsets { body += Data(String(format: "%010d 00000 n \n", offset).utf8) }
        body += Data("trailer\n<< /Size \(offsets.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n".utf8)
        try body.write(to: URL(fileURLWithPath: path))
    }

    /// A JPEG's size and colour components, from its start-of-frame marker.
    struct JPEGFrame {
        var width: Int
        var height: Int
        var components: Int

        init?(_ data: Data) {
            let bytes = [UInt8](data)
            guard bytes.count > 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return nil }
            var i = 2
            while i + 9 < bytes.count {
                guard bytes[i] == 0xFF else { return nil }
                let marker = bytes[i + 1]
                let length = Int(bytes[i + 2]) << 8 | Int(bytes[i + 3])
                // SOF0 to SOF15, except DHT (C4), JPG (C8) and DAC (CC).
                if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                    height = Int(bytes[i + 5]) << 8 | Int(bytes[i + 6])
                    width = Int(bytes[i + 7]) << 8 | Int(bytes[i + 8])
                    components = Int(bytes[i + 9])
                    return
                }
                i += 2 + length
            }
            return nil
        }
    }
}
