import Foundation

/// Blank sheets printed by the real `avbrott print`, rasterised with
/// `pdftoppm` and written on with ImageMagick (typed text in the fields, one
/// digit per comb box), so tests can ingest them like scans.
public enum FilledSheets {
    /// PNG paths, one per copy; `value(page, fieldID)` is what to write (nil: leave empty).
    public static func make(
        form: String, copies: Int = 1, in directory: String, dpi: Int = 200,
        handwritten: (String) -> Bool = { _ in false }, value: (Int, String) -> String?
    ) throws -> [String] {
        let pdf = directory + "/\(form).pdf"
        let printed = try runAvbrott([
            "print", "--form", form, "--copies", "\(copies)", "--binder-id", "K7M3QX", "-o", pdf,
        ])
        guard printed.status == 0 else { throw ToolError(description: "avbrott print: \(printed.errorText)") }
        let layout = try runAvbrott(["forms", "layout", form])
        guard let json = try JSONSerialization.jsonObject(with: layout.stdout) as? [String: Any],
            let fields = json["fields"] as? [[String: Any]]
        else {
            throw ToolError(description: "no layout for \(form)")
        }
        try runToolChecked("pdftoppm", ["-r", "\(dpi)", "-gray", "-png", pdf, directory + "/\(form)-blank"])
        let k = Double(dpi) / 25.4
        let typed = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
        // A handwriting font (fonts-dkg-handwriting) for the fields `handwritten` names: Tesseract
        // reads it as it reads handwriting, unsure (a calligraphic script such as URW's Z003 it reads well).
        let script = "/usr/share/fonts/truetype/fifthhorseman/dkg.ttf"
        var outputs: [String] = []
        for page in 1...copies {
            var draws: [String] = []
            func text(_ x: Double, _ y: Double, _ s: String, size: Double, font: String = typed) {
                draws += [
                    "-font", font, "-pointsize", "\(Int(size))", "-draw",
                    "text \(Int(x)),\(Int(y)) '\(s.replacingOccurrences(of: "'", with: ""))'",
                ]
            }
            for field in fields {
                guard let id = field["id"] as? String, let written = value(page, id),
                    let rect = field["rect"] as? [String: Double]
                else { continue }
                if let boxes = field["boxes"] as? [[String: Double]], !boxes.isEmpty {
                    for (box, digit) in zip(boxes, written.filter(\.isNumber)) {
                        text(
                            ((box["x"] ?? 0) + 1.2) * k, ((box["y"] ?? 0) + (box["height"] ?? 0) - 1.3) * k,
                            String(digit), size: 5 * k)
                    }
                } else {
                    text(
                        ((rect["x"] ?? 0) + 1) * k, ((rect["y"] ?? 0) + (rect["height"] ?? 0) - 2.5) * k,
                        written, size: 4.2 * k, font: handwritten(id) ? script : typed)
                }
            }
            let blank = directory + "/\(form)-blank-\(copies > 9 ? String(format: "%02d", page) : "\(page)").png"
            let out = directory + "/\(form)-ifylld-\(page).png"
            try runToolChecked("convert", [blank, "-fill", "#1a1a40"] + draws + [out])
            outputs.append(out)
        }
        return outputs
    }
}
