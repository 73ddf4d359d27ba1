import Drafts
import FormKit
import Foundation
import Imaging
import Leptonica
import Raster
import Recognition

/// What reading one scanned page produced, before it is stored.
struct PageOutcome {
    var status: PageStatus
    var reason: String?
    var sheet: SheetID?
    var dpi: Double?
    var rotation: Int?
    var scale: Double?
    var residualMM: Double?
    var records: [RecordDraft] = []
    var inkSignature: [UInt8]?
    var preview: [UInt8]?

    static func unidentified(_ reason: String, preview: [UInt8]) -> PageOutcome {
        PageOutcome(status: .unidentified, reason: reason, preview: preview)
    }
}

/// Identifies a page by its sheet code, registers it to the form's layout and
/// reads every field into records: one per filled table row, one for the
/// sheet's own fields.
struct PageReader {
    let catalog: FormCatalog
    let layouts: [String: SheetLayout]

    /// A small PNG of the whole page (about 60 dpi) for review.
    static func preview(_ image: GreyImage, dpi: Double?) throws -> [UInt8] {
        try PNGCodec.encode(image, scale: min(1, 60 / (dpi ?? 300)))
    }

    func read(_ image: GreyImage, dpi: Double?, readers: FieldReaders) throws -> PageOutcome {
        // The preview of a page that cannot be read is made from the scan as it is;
        // a registered page's from its upright image, once.
        func preview() throws -> [UInt8] { try Self.preview(image, dpi: dpi) }
        let codes = try Self.sheetCodes(in: image)
        guard let code = codes.first(where: { SheetID(payload: $0.text) != nil }),
            let sheet = SheetID(payload: code.text)
        else {
            let reason =
                codes.isEmpty
                ? "Hittar ingen blankettkod (QR-kod) på sidan: den är inte ett blad ur pärmen eller för otydlig."
                : "QR-koden på sidan (\(codes[0].text.prefix(40))) är inte en blankettkod från avbrott."
            return .unidentified(reason, preview: try preview())
        }
        guard let form = catalog.form(sheet.form), let layout = layouts[sheet.form] else {
            return .unidentified(
                "Sidan \(sheet) är en instruktionssida eller en okänd blankett (\(sheet.form)); inget att läsa in.",
                preview: try preview())
        }
        guard form.version == sheet.version else {
            return .unidentified(
                "Bladet är version \(sheet.version) av \(form.id), men Forms har version \(form.version).",
                preview: try preview())
        }
        let geometry = SheetGeometry(
            markCentresMM: layout.frame.marks.map(\.center), markSizeMM: PageFrame.markSize,
            qrRectMM: layout.frame.code)
        let registered: RegisteredPage
        do {
            registered = try PageRegistration(geometry: geometry).register(image, dpi: dpi, qrCorners: code.corners)
        } catch {
            var outcome = PageOutcome.unidentified(
                "Bladet \(sheet) kunde inte passas in: \(error)", preview: try preview())
            outcome.sheet = sheet
            return outcome
        }
        let t = registered.transform
        let reader = FieldReader(page: registered.image, transform: t, readers: readers)
        let fields = layout.fields.map(reader.read)
        var outcome = PageOutcome(
            status: .identified, sheet: sheet, dpi: t.estimatedDPI,
            rotation: registered.wasUpsideDown ? 180 : 0, scale: t.printScale,
            residualMM: t.residualMM)
        outcome.records = try RecordBuilder(form: form).records(from: fields)
        outcome.inkSignature = fields.flatMap(\.ink)
        outcome.preview = try Self.preview(registered.image, dpi: t.estimatedDPI)
        return outcome
    }

    /// The page's codes: first where the sheet code is printed (top right, or
    /// bottom left on a page scanned upside down), which is much faster than
    /// searching the whole page, then the whole page.
    static func sheetCodes(in image: GreyImage) throws -> [SheetCode] {
        let reader = SheetCodeReader(fallbackRegions: [])
        let w = image.width, h = image.height
        let corners = [(x: w * 55 / 100, y: 0), (x: 0, y: h * 70 / 100)]
        for corner in corners {
            let crop = image.cropped(x: corner.x, y: corner.y, width: w * 45 / 100, height: h * 30 / 100)
            // A corner that cannot be searched is no loss: the whole page is searched next.
            let found = ((try? reader.read(crop)) ?? []).filter { SheetID(payload: $0.text) != nil }
            if !found.isEmpty {
                return found.map { code in
                    SheetCode(
                        text: code.text,
                        corners: code.corners.map {
                            PlanePoint(x: $0.x + Double(corner.x), y: $0.y + Double(corner.y))
                        })
                }
            }
        }
        return try SheetCodeReader().read(image)
    }
}
