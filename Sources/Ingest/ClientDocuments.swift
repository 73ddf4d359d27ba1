import Drafts
import FormKit
import Foundation
import Imaging
import Platform
import Raster

/// The scanned pages about one client, ready for the document store of the
/// client's file: a template's whole sheet; from a list (which holds many
/// clients), only the sheet's heading and that client's own row, never the
/// others'. Only reviewed records: a misread personnummer must not put a
/// page in the wrong client's file.
public struct ClientDocument: Sendable {
    public var record: StoredRecord
    public var personnummer: String
    public var name: String?
    /// The document's date (ISO), when the form has one.
    public var date: String?
    /// What the document is ("Beslut", "Bilaga 3").
    public var type: String
    /// The image at `dpi`: the whole sheet, or the heading above the row.
    public var image: GreyImage
    public var dpi: Double
    /// From a list: only this client's row.
    public var isExtract: Bool
}

public struct ClientDocuments {
    /// What could not be made, by record, in Swedish.
    public var problems: [String] = []
    public var documents: [ClientDocument] = []
    /// Records left out because they are not reviewed yet, or marked for
    /// follow-up (the personnummer may be the thing to follow up).
    public var unreviewed: [StoredRecord] = []

    /// The resolution the documents are cut at.
    public static let dpi = 200.0

    public init(store: DraftStore, catalog: FormCatalog, loader: ScanLoader = ScanLoader()) throws {
        let records = try store.records()
        var byPage: [Int64: [StoredRecord]] = [:]
        for r in records {
            guard let form = catalog.form(r.form), let field = form.client?.personnummer,
                form.kind == .template || (form.kind == .list && r.row != nil),
                !r.value(field).isEmpty
            else { continue }
            guard r.status != .draft && !r.followUp else {
                unreviewed.append(r)
                continue
            }
            byPage[r.pageID, default: []].append(r)
        }
        for (pageID, pageRecords) in byPage.sorted(by: { $0.key < $1.key }) {
            do {
                documents += try Self.cut(pageID, pageRecords, store: store, catalog: catalog, loader: loader)
            } catch {
                let r = pageRecords[0]
                problems.append("\(r.source) sida \(r.pageNumber): \(error)")
            }
        }
        documents.sort {
            ($0.personnummer, $0.date ?? "", $0.record.id) < ($1.personnummer, $1.date ?? "", $1.record.id)
        }
    }

    /// The page registered again from its original, and each record's part cut out.
    static func cut(
        _ pageID: Int64, _ records: [StoredRecord], store: DraftStore, catalog: FormCatalog, loader: ScanLoader
    ) throws -> [ClientDocument] {
        guard let original = try store.original(pageID: pageID) else {
            throw ClientDocumentError("originalskanningen finns inte längre i arbetsytan")
        }
        let bytes = try FileReader.read(FilePath(original.path.path), maxBytes: loader.limits.maxFileBytes)
        var page: ScanPage?
        var failure: ImagingError?
        let (_, count) = try loader.forEachPage(
            of: bytes, name: original.name, skipping: Set(1...9999).subtracting([original.pageNumber])
        ) { result in
            switch result {
            case .success(let p): page = p
            case .failure(let e): failure = e
            }
        }
        guard let page else {
            throw failure ?? ClientDocumentError("sidan \(original.pageNumber) finns inte (filen har \(count))")
        }
        let formID = records[0].form
        let codes = try PageReader.sheetCodes(in: page.image)
        guard let code = codes.first(where: { SheetID(payload: $0.text)?.form == formID }),
            let sheet = SheetID(payload: code.text)
        else {
            throw ClientDocumentError("bladets kod hittas inte längre på sidan")
        }
        // The layout the sheet was printed with, also an earlier version's.
        guard let form = catalog.form(formID, version: sheet.version) else {
            throw ClientDocumentError("blanketten \(formID) version \(sheet.version) finns inte i Forms")
        }
        let layout = try LayoutEngine.layout(form)
        let geometry = SheetGeometry(
            markCentresMM: layout.frame.marks.map(\.center), markSizeMM: PageFrame.markSize,
            qrRectMM: layout.frame.code)
        let registered = try PageRegistration(geometry: geometry).register(
            page.image, dpi: page.dpi, qrCorners: code.corners)
        let perMM = dpi / 25.4
        func cut(_ rect: PlaneRect) -> GreyImage {
            Imaging.crop(registered.image, rect: rect, transform: registered.transform, pixelsPerMM: perMM)
        }
        let whole = PlaneRect(x: 0, y: 0, width: layout.page.width, height: layout.page.height)
        return records.map { r in
            let who = form.client
            func text(_ id: String?) -> String? {
                guard let id, let v = r.field(definition: id)?.value, !v.isEmpty else { return nil }
                return v.displayText()
            }
            var image: GreyImage
            if let row = r.row {
                let rowRects = layout.fields.filter { $0.row == row }.map(\.rect)
                let firstRowTop = layout.fields.filter { $0.row == 1 }.map(\.rect.minY).min() ?? 0
                let top = rowRects.map(\.minY).min() ?? 0, bottom = rowRects.map(\.maxY).max() ?? 0
                // The heading (title, columns) down to the first row, then this row alone.
                let heading = cut(PlaneRect(x: 0, y: 0, width: whole.width, height: max(10, firstRowTop - 1)))
                let band = cut(PlaneRect(x: 0, y: top - 1.5, width: whole.width, height: bottom - top + 3))
                image = GreyImage(width: heading.width, height: heading.height + band.height)
                image.pixels = heading.pixels + band.pixels
            } else {
                image = cut(whole)
            }
            return ClientDocument(
                record: r, personnummer: text(who?.personnummer) ?? "", name: text(who?.name), date: text(who?.date),
                type: Self.documentType(form), image: image, dpi: dpi, isExtract: r.row != nil)
        }
    }
}

extension ClientDocuments {
    /// "Bilaga 3" for an appendix, else the title ("Beslut", "Journalanteckning enligt SoL/LSS").
    public static func documentType(_ form: FormDefinition) -> String {
        if let label = form.label, label.lowercased().hasPrefix("bilaga") { return label }
        return form.title
    }
}

struct ClientDocumentError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
