import FormKit
import Foundation
import Reports
import TestSupport

/// Sheets filled in the way a test can: printed with the real binary,
/// rasterised at 200 dpi with pdftoppm, and written on with ImageMagick at
/// the places the form's layout gives (digits in their boxes, text on the
/// line, crosses in checkboxes, a scribble for a signature).
enum FilledSheets {
    static let dpi = 200.0

    /// What to write: layout field id → value. Digits go one per box
    /// (right-aligned for amounts), choices are the option values to cross.
    typealias Entries = [(String, String)]

    /// Prints one sheet of `form`, writes `entries` on it and saves it as `name`.png in `dir`.
    static func make(form: String, entries: Entries, name: String, in dir: String) throws -> String {
        let pdf = "\(dir)/\(name).pdf"
        let printed = try runAvbrott(["print", "--form", form, "--binder-id", "K7M3QX", "-o", pdf])
        guard printed.status == 0 else { throw FixtureError("print: \(printed.errorText)") }
        try runToolChecked(
            "pdftoppm", ["-r", "\(Int(dpi))", "-gray", "-png", "-singlefile", pdf, "\(dir)/\(name)-blank"])
        let catalog = try FormCatalog(directory: RepositoryPaths.forms)
        let layout = try LayoutEngine.layout(try catalog.require(form))
        let output = "\(dir)/\(name).png"
        try runToolChecked("convert", ["\(dir)/\(name)-blank.png"] + (try ink(entries, layout: layout)) + [output])
        try FileManager.default.removeItem(atPath: pdf)
        try FileManager.default.removeItem(atPath: "\(dir)/\(name)-blank.png")
        return output
    }

    static func px(_ mm: Double) -> Int { Int((mm * dpi / 25.4).rounded()) }

    /// ImageMagick drawing arguments for `entries`.
    static func ink(_ entries: Entries, layout: SheetLayout) throws -> [String] {
        let font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
        var args = ["-fill", "black", "-font", font]
        for (id, value) in entries {
            guard let field = layout.field(id) else { throw FixtureError("no field \(id) on \(layout.form)") }
            switch field.kind {
            case .digits:
                let digits = Array(value.filter(\.isNumber))
                guard digits.count <= field.boxes.count else { throw FixtureError("\(id): too many digits") }
                let boxes =
                    field.pattern == .amount
                    ? Array(field.boxes.suffix(digits.count)) : Array(field.boxes.prefix(digits.count))
                for (box, digit) in zip(boxes, digits) {
                    args += [
                        "-stroke", "none", "-pointsize", "\(px(box.height * 0.95))",
                        "-annotate", "+\(px(box.minX + box.width * 0.22))+\(px(box.maxY - box.height * 0.15))",
                        String(digit),
                    ]
                }
            case .text:
                args += [
                    "-stroke", "none", "-pointsize", "\(px(min(field.rect.height * 0.6, 4.2)))",
                    "-annotate", "+\(px(field.rect.minX + 1.5))+\(px(field.rect.maxY - field.rect.height * 0.28))",
                    value,
                ]
            case .choice:
                for option in field.options where value.split(separator: ",").contains(Substring(option.value)) {
                    let r = option.rect
                    args += [
                        "-stroke", "black", "-strokewidth", "3",
                        "-draw", "line \(px(r.minX + 0.4)),\(px(r.minY + 0.4)) \(px(r.maxX - 0.4)),\(px(r.maxY - 0.4))",
                        "-draw", "line \(px(r.maxX - 0.4)),\(px(r.minY + 0.4)) \(px(r.minX + 0.4)),\(px(r.maxY - 0.4))",
                    ]
                }
            case .signature:
                guard value == "true" else { continue }
                let r = field.rect
                let points = stride(from: 0.0, through: 1.0, by: 0.1).map { t in
                    "\(px(r.minX + 2 + t * min(r.width - 4, 30))),\(px((r.minY + r.height / 2) + (Int(t * 10) % 2 == 0 ? -1.5 : 1.5)))"
                }
                args += [
                    "-stroke", "black", "-strokewidth", "3", "-fill", "none",
                    "-draw", "polyline \(points.joined(separator: " "))", "-fill", "black",
                ]
            }
        }
        return args
    }

    /// A personnummer for an invented person born on `yymmdd`, with the Luhn check digit.
    static func personnummer(_ yymmdd: String, _ serial: String) -> String {
        let nine = Array(yymmdd + serial).compactMap { $0.wholeNumberValue }
        let sum = nine.enumerated().reduce(0) { acc, e in
            let p = e.element * (e.offset % 2 == 0 ? 2 : 1)
            return acc + p / 10 + p % 10
        }
        return yymmdd + serial + String((10 - sum % 10) % 10)
    }
}

struct FixtureError: Error, CustomStringConvertible, Sendable {
    let description: String
    init(_ description: String) { self.description = description }
}
