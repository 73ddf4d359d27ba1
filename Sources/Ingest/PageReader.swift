import Drafts
import FormKit
import Foundation
import Imaging
import Leptonica
import Platform
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
    /// How well the page fits its code's layout, and the best fit of another
    /// form on the same paper (identified pages; see `LayoutFit`).
    var fit: (claimed: Double, bestOther: Double)?
    /// Identified, with nothing to read on it (`reason` says what it is).
    var blank = false

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
    let fits: [String: LayoutFit]
    /// Layouts of the earlier versions still read, by "id v<version>".
    let earlierLayouts: [String: SheetLayout]
    let earlierFits: [String: LayoutFit]

    init(catalog: FormCatalog, layouts: [String: SheetLayout]) throws {
        self.catalog = catalog
        self.layouts = layouts
        fits = layouts.mapValues(LayoutFit.init)
        var earlier: [String: SheetLayout] = [:]
        for form in catalog.earlier { earlier[Self.key(form)] = try LayoutEngine.layout(form) }
        earlierLayouts = earlier
        earlierFits = earlier.mapValues(LayoutFit.init)
    }

    static func key(_ form: FormDefinition) -> String { "\(form.id) v\(form.version)" }

    /// The fit of `form` as it was printed in its version.
    func layoutFit(_ form: FormDefinition) -> LayoutFit? {
        catalog.form(form.id)?.version == form.version ? fits[form.id] : earlierFits[Self.key(form)]
    }

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
                : "QR-koden på sidan (\(TerminalText.safe(String(codes[0].text.prefix(40))))) "
                    + "är inte en blankettkod från avbrott."
            return .unidentified(reason, preview: try preview())
        }
        if BinderTextPage.isTextPage(sheet.form) {
            return try textPage(image, dpi: dpi, sheet: sheet, code: code, preview: preview)
        }
        guard let current = catalog.form(sheet.form), layouts[sheet.form] != nil else {
            return .unidentified(
                "Sidan \(sheet) är en okänd blankett (\(sheet.form)): Forms saknar den; inget att läsa in.",
                preview: try preview())
        }
        // A sheet printed with an earlier version of its form is read by the layout it was printed with.
        guard let form = catalog.form(sheet.form, version: sheet.version),
            let layout = form.version == current.version ? layouts[form.id] : earlierLayouts[Self.key(form)]
        else {
            return .unidentified(
                "Bladet är version \(sheet.version) av \(current.id), men Forms har version \(current.version)"
                    + " och inte den tidigare versionen (Forms/versions/).",
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
        let (claimed, other) = fit(registered, layout: layout, form: form)
        if claimed < Self.minimumFit || (other.map { $0.score > claimed + Self.betterFitMargin } ?? false) {
            var outcome = PageOutcome.unidentified(
                forgedReason(
                    sheet, form: form, resembles: other.flatMap { $0.score >= Self.minimumFit ? $0.form : nil }),
                preview: try preview())
            outcome.sheet = sheet
            return outcome
        }
        var outcome = PageOutcome(
            status: .identified, sheet: sheet, dpi: t.estimatedDPI,
            rotation: registered.wasUpsideDown ? 180 : 0, scale: t.printScale,
            residualMM: t.residualMM)
        outcome.fit = (claimed, other?.score ?? 0)
        outcome.preview = try Self.preview(registered.image, dpi: t.estimatedDPI)
        switch form.kind {
        case .contacts:
            outcome.blank = true
            outcome.reason = "skrivs ut ifylld från enhetens inställningar; läses inte in"
            return outcome
        case .calibration:
            // The print scale is measured on every page from its registration marks; on the
            // calibration sheet it is the point of the page, so it is said.
            outcome.blank = true
            outcome.reason = "kalibreringsblad: utskriftsskala \(IngestRunner.percent(t.printScale))"
            return outcome
        case .list, .template, .continuation:
            break
        }
        let fields = layout.fields.map(reader.read)
        outcome.inkSignature = fields.flatMap(\.ink)
        // Not a stroke in any writing area: a blank sheet is a page, not a record.
        guard fields.contains(where: { $0.assessment.hasInk }) else {
            outcome.blank = true
            outcome.reason = "tom blankett"
            return outcome
        }
        outcome.records = try RecordBuilder(form: form).records(from: fields)
        return outcome
    }

    /// One of the binder's own pages (a cover, a quick reference): nothing
    /// to read. Its code is believed only if no form's printed lines are on
    /// the page: a filled form wearing a cover's code is refused, not skipped.
    func textPage(
        _ image: GreyImage, dpi: Double?, sheet: SheetID, code: SheetCode, preview: () throws -> [UInt8]
    ) throws -> PageOutcome {
        var outcome = PageOutcome(status: .identified, reason: "instruktionssida; inget att läsa in", sheet: sheet)
        outcome.blank = true
        // The binder's own pages are A4 portrait in the common frame.
        let frame = PageFrame(page: Paper.a4(.portrait))
        guard
            let registered = try? PageRegistration(
                geometry: SheetGeometry(
                    markCentresMM: frame.marks.map(\.center), markSizeMM: PageFrame.markSize, qrRectMM: frame.code)
            ).register(image, dpi: dpi, qrCorners: code.corners)
        else {
            outcome.preview = try preview()
            return outcome
        }
        outcome.dpi = registered.transform.estimatedDPI
        outcome.preview = try Self.preview(registered.image, dpi: registered.transform.estimatedDPI)
        // Forms read for records only: a bilaga 1 or a calibration sheet under such a code loses nothing.
        let best = catalog.forms.filter {
            [.list, .template, .continuation].contains($0.kind) && $0.orientation == .portrait
        }
        .compactMap { form in fits[form.id].map { (form, $0.score(registered.image, registered.transform)) } }
        .max { $0.1 < $1.1 }
        if let best, best.1 >= Self.textPageFitLimit {
            var refused = PageOutcome.unidentified(
                "Bladets kod säger att det är en instruktionssida (\(sheet)), men sidan ser ut som "
                    + "\(best.0.label ?? best.0.title). Inget läses in från sidan: kontrollera papperet.",
                preview: outcome.preview ?? [])
            refused.sheet = sheet
            return refused
        }
        outcome.fit = (0, best?.1 ?? 0)
        return outcome
    }

    /// A page must fit its code's layout at least this well (mean contrast of
    /// its printed lines), and no other form on the same paper may fit it
    /// better by more than `betterFitMargin`. Chosen on the sample and bulk
    /// scans and on pages with another form's code pasted on: the figures are
    /// in docs/field-policy.md.
    static let minimumFit = 0.04
    static let betterFitMargin = 0.1
    /// A page whose code names an instruction page must not fit a form read for
    /// records this well: the binder's own pages fit one at most 0.087, filled
    /// forms fit their own layout at 0.2 and more unless the scan is very poor
    /// (see docs/field-policy.md).
    static let textPageFitLimit = 0.15

    /// How well the page fits `layout`, and the other form on the same paper that fits it best.
    func fit(_ page: RegisteredPage, layout: SheetLayout, form: FormDefinition)
        -> (claimed: Double, other: (form: FormDefinition, score: Double)?)
    {
        let claimed = layoutFit(form)?.score(page.image, page.transform) ?? 0
        let others = catalog.forms.filter {
            $0.id != form.id && $0.orientation == form.orientation && $0.kind != .calibration
        }
        let best = others.compactMap { other -> (FormDefinition, Double)? in
            fits[other.id].map { (other, $0.score(page.image, page.transform)) }
        }.max { $0.1 < $1.1 }
        return (claimed, best.map { (form: $0.0, score: $0.1) })
    }

    /// Why a page is refused whose code names a form it does not look like.
    func forgedReason(_ sheet: SheetID, form: FormDefinition, resembles other: FormDefinition?) -> String {
        var reason = "Bladets kod hör till \(Self.name(form)) (\(sheet)), men sidan ser inte ut som den blanketten"
        if let other { reason += ": den ser ut som \(Self.name(other))" }
        return reason + ". Inget läses in från sidan: kontrollera papperet och skanna rätt blad."
    }

    /// "bilaga 5" for an appendix, else the form's title ("Beslut").
    static func name(_ form: FormDefinition) -> String {
        if let label = form.label, label.lowercased().hasPrefix("bilaga") { return label.lowercased() }
        return form.title
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
