import Drafts
import FormKit
import Foundation
import Imaging
import Raster
import Recognition

/// What reading one scanned page produced, before it is stored.
struct PageOutcome {
    var status: PageDraft.Status
    var reason: String?
    var sheet: SheetID?
    var dpi: Double?
    var rotation: Int?
    var scale: Double?
    var residualMM: Double?
    var records: [RecordDraft] = []
    var inkSignature: [UInt8]?
    var preview: [UInt8]?

    static func unidentified(_ reason: String, preview: [UInt8]?) -> PageOutcome {
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
    static func preview(_ image: GreyImage, dpi: Double?) -> [UInt8]? {
        try? PNGCodec.encode(image, scale: min(1, 60 / (dpi ?? 300)))
    }

    func read(_ image: GreyImage, dpi: Double?, readers: Readers) -> PageOutcome {
        // The preview of a page that cannot be read is made from the scan as it is;
        // a registered page's from its upright image, once.
        var preview: [UInt8]? { Self.preview(image, dpi: dpi) }
        let codes = Self.sheetCodes(in: image)
        guard let code = codes.first(where: { SheetID(payload: $0.text) != nil }),
              let sheet = SheetID(payload: code.text) else {
            let reason = codes.isEmpty
                ? "Hittar ingen blankettkod (QR-kod) på sidan: den är inte ett blad ur pärmen eller för otydlig."
                : "QR-koden på sidan (\(codes[0].text.prefix(40))) är inte en blankettkod från avbrott."
            return .unidentified(reason, preview: preview)
        }
        guard let form = catalog.form(sheet.form), let layout = layouts[sheet.form] else {
            return .unidentified("Sidan \(sheet) är en instruktionssida eller en okänd blankett (\(sheet.form)); inget att läsa in.",
                                 preview: preview)
        }
        guard form.version == sheet.version else {
            return .unidentified("Bladet är version \(sheet.version) av \(form.id), men Forms har version \(form.version).",
                                 preview: preview)
        }
        let geometry = SheetGeometry(
            markCentresMM: layout.frame.marks.map { PlanePoint(x: $0.center.x, y: $0.center.y) },
            markSizeMM: PageFrame.markSize,
            qrRectMM: PlaneRect(x: layout.frame.code.x, y: layout.frame.code.y,
                                width: layout.frame.code.width, height: layout.frame.code.height))
        let registered: RegisteredPage
        do {
            registered = try PageRegistration(geometry: geometry).register(image, dpi: dpi, qrCorners: code.corners)
        } catch {
            var outcome = PageOutcome.unidentified("Bladet \(sheet) kunde inte passas in: \(error)", preview: preview)
            outcome.sheet = sheet
            return outcome
        }
        let t = registered.transform
        let reader = FieldReader(page: registered.image, transform: t, readers: readers)
        let fields = layout.fields.map(reader.read)
        var outcome = PageOutcome(status: .identified, sheet: sheet, dpi: t.estimatedDPI,
                                  rotation: registered.wasUpsideDown ? 180 : 0, scale: t.printScale,
                                  residualMM: t.residualMM)
        outcome.records = RecordBuilder(form: form).records(from: fields)
        outcome.inkSignature = fields.flatMap(\.ink)
        outcome.preview = Self.preview(registered.image, dpi: t.estimatedDPI)
        return outcome
    }

    /// The page's codes: first where the sheet code is printed (top right, or
    /// bottom left on a page scanned upside down), which is much faster than
    /// searching the whole page, then the whole page.
    static func sheetCodes(in image: GreyImage) -> [SheetCode] {
        let reader = SheetCodeReader(fallbackRegions: [])
        let w = image.width, h = image.height
        let corners = [(x: w * 55 / 100, y: 0), (x: 0, y: h * 70 / 100)]
        for corner in corners {
            let crop = image.cropped(x: corner.x, y: corner.y, width: w * 45 / 100, height: h * 30 / 100)
            let found = ((try? reader.read(crop)) ?? []).filter { SheetID(payload: $0.text) != nil }
            if !found.isEmpty {
                return found.map { code in
                    SheetCode(text: code.text, corners: code.corners.map {
                        PlanePoint(x: $0.x + Double(corner.x), y: $0.y + Double(corner.y))
                    })
                }
            }
        }
        return (try? SheetCodeReader().read(image)) ?? []
    }
}
