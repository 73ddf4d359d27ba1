import ArgumentParser
import Drafts
import FormKit
import Foundation
import Haru
import Ingest
import Platform
import Reports

/// `avbrott export --format client-files`: a PDF/A per client document for
/// the document store of the client's file, an index, and the sorting list
/// for the paper originals.
enum ClientFilesExport {
    static let greyProfile = "/usr/share/color/icc/Gray.icc"

    static func write(store: DraftStore, catalog: FormCatalog, folder: URL) throws {
        let made = try ClientDocuments(store: store, catalog: catalog)
        try SecureFiles.makeFolder(FilePath(folder.path))
        var names = Set<String>()
        var index: [[String]] = []
        for document in made.documents {
            let name = uniqueName(fileName(document), taken: &names)
            try AtomicFile.write(try pdf(document), to: FilePath(folder.appendingPathComponent(name).path))
            let r = document.record
            index.append([
                document.personnummer, document.name ?? "", document.date ?? "", document.type, name,
                SheetID.printed(r.sheet) ?? "", r.row.map(String.init) ?? "", r.source, "\(r.pageNumber)",
                document.isExtract ? "huvud och klientens rad ur en lista" : "hela bladet",
            ])
        }
        try AtomicFile.write(
            csv(
                ["Personnummer", "Namn", "Datum", "Dokumenttyp", "Fil", "Blad", "Rad", "Skanning", "Sida", "Innehåll"],
                index), to: FilePath(folder.appendingPathComponent("index.csv").path))
        try AtomicFile.write(
            csv(["Blad", "Blankett", "Skanning", "Sida", "Läggs i"], try sortingList(store: store, catalog: catalog)),
            to: FilePath(folder.appendingPathComponent("sorteringslista.csv").path))
        try store.noteWrittenOutside(
            folder.standardizedFileURL.path, what: "klientakternas dokument", clerk: StatusClerk.name(nil))
        Diagnostics.note(
            "Skrev \(Swedish.count(made.documents.count, "dokument", "dokument")), index.csv och sorteringslista.csv "
                + "i \(folder.path).")
        if !made.unreviewed.isEmpty {
            Diagnostics.note(
                "\(Swedish.count(made.unreviewed.count, "post", "poster")) är inte granskade eller är markerade för "
                    + "uppföljning och togs inte med (ett felläst personnummer får inte hamna i fel akt): "
                    + "granska dem med avbrott review.")
        }
        for problem in made.problems { Diagnostics.error(problem) }
        if !made.problems.isEmpty { throw ExitCode.failure }
    }

    /// "19850101-1236 2026-10-15 Beslut.pdf"; what the name cannot hold is left out.
    static func fileName(_ d: ClientDocument) -> String {
        let parts = [d.personnummer, d.date ?? "utan datum", d.type + (d.isExtract ? " rad \(d.record.row ?? 0)" : "")]
        let raw = parts.joined(separator: " ")
        let safe = raw.unicodeScalars.map { s -> String in
            s == "/" || s.properties.generalCategory == .control ? "-" : String(s)
        }.joined()
        return String(safe.prefix(180)) + ".pdf"
    }

    static func uniqueName(_ name: String, taken: inout Set<String>) -> String {
        var candidate = name
        var n = 2
        while taken.contains(candidate) {
            candidate = String(name.dropLast(4)) + " (\(n)).pdf"
            n += 1
        }
        taken.insert(candidate)
        return candidate
    }

    static func pdf(_ d: ClientDocument) throws -> Data {
        let doc = try PDFDocument()
        try doc.conformToPDFA1b(greyICCProfile: greyProfile)
        try doc.setInfo(title: "\(d.type) \(d.date ?? "")")
        let mmPerPixel = 25.4 / d.dpi
        let width = Double(d.image.width) * mmPerPixel, height = Double(d.image.height) * mmPerPixel
        let page = try doc.addPage(widthMM: width, heightMM: height)
        try page.drawImage(d.image, x: 0, y: 0, width: width, height: height)
        return try doc.data()
    }

    /// Each identified sheet's paper original: a template into its client's
    /// pappersakt, a list (many clients) stays with the arbetsledare.
    static func sortingList(store: DraftStore, catalog: FormCatalog) throws -> [[String]] {
        let records = try store.records()
        var rows: [[String]] = []
        for page in try store.pages() where page.status == .identified && !page.blank {
            guard let formID = page.form, let form = catalog.form(formID) else { continue }
            let onPage = records.filter { $0.pageID == page.id }
            let place: String
            switch form.kind {
            case .template:
                let r = onPage.first
                let pn = r.flatMap { rec in form.client?.personnummer.map { rec.value($0).displayText() } } ?? ""
                let name = r.flatMap { rec in form.client?.name.map { rec.value($0).displayText() } } ?? ""
                place =
                    pn.isEmpty
                    ? "Klientens akt (personnummer saknas: se bladet)"
                    : "Klientens akt: \(pn)" + (name.isEmpty ? "" : " \(name)")
            case .list:
                let clients = onPage.filter { $0.row != nil }.count
                place = "Stannar hos arbetsledaren (lista med \(Swedish.count(clients, "rad", "rader")))"
            case .continuation:
                place = "Med bladet det fortsätter (samma klients akt)"
            case .contacts, .calibration:
                continue
            }
            rows.append([
                SheetID.printed(page.sheet) ?? "", ClientDocuments.documentType(form), page.source,
                "\(page.pageNumber)", place,
            ])
        }
        return rows
    }

    static func csv(_ header: [String], _ rows: [[String]]) -> Data {
        var data = Data(ExportCSV.byteOrderMark)
        for row in [header] + rows {
            data.append(Data((row.map(ExportCSV.cell).joined(separator: ";") + "\r\n").utf8))
        }
        return data
    }
}
