import ArgumentParser
import Drafts
import FormKit
import Foundation
import Platform
import Reports

extension Avbrott {
    struct Export: ParsableCommand {
        enum Format: String, ExpressibleByArgument, CaseIterable {
            case json, csv
            case clientFiles = "client-files"
        }

        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Skriv ut utkasten som JSON eller CSV, eller klientakternas dokument (PDF/A).",
            discussion: """
                JSON skrivs till standard ut om inte --out anges. CSV skrivs som en fil per blankett \
                (blankettens id.csv) i mappen --out (standard: ./avbrott-export), för svenskt Excel: \
                UTF-8 med BOM, semikolon mellan värdena. client-files skriver i mappen --out (standard: \
                ./klientakter) en PDF/A per klienthandling, namngiven efter personnummer, datum och typ, \
                för import till klientens akt: en mall hel, från en lista bara bladets huvud och klientens \
                egen rad; bara granskade poster. Dessutom index.csv och sorteringslista.csv (vilket \
                originalblad som läggs i vilken pappersakt, vilka listor som stannar hos arbetsledaren). \
                Filerna är sekretessbelagda och läsbara bara för dig.
                """)

        @OptionGroup var formsOptions: FormsOptions
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Option(help: ArgumentHelp("json, csv eller client-files.", valueName: "format")) var format: Format = .json
        @Option(help: ArgumentHelp("Fil (JSON) eller mapp (CSV) att skriva till.", valueName: "sökväg")) var out:
            String?

        func run() throws {
            try reportingErrors {
                let catalog = try formsOptions.catalog()
                let store = try workspaceOptions.open(
                    create: false, out == nil && format == .json ? .reading : .writing("export"))
                let unit = try UnitFiles.workspaceUnit(store, forms: catalog).type
                switch format {
                case .clientFiles:
                    try ClientFilesExport.write(
                        store: store, catalog: catalog, folder: URL(fileURLWithPath: out ?? "klientakter"))
                case .json:
                    let data = try store.exportJSON(forms: catalog.forms, unit: unit)
                    if let out {
                        try AtomicFile.write(data, to: FilePath(out))
                        try store.noteWrittenOutside(
                            URL(fileURLWithPath: out).standardizedFileURL.path, what: "export (JSON)",
                            clerk: StatusClerk.name(nil))
                        Diagnostics.note("Skrev \(out).")
                    } else {
                        FileHandle.standardOutput.write(data)
                    }
                case .csv:
                    let folder = URL(fileURLWithPath: out ?? "avbrott-export")
                    try SecureFiles.makeFolder(FilePath(folder.path))
                    let tables = ExportCSV.tables(
                        summary: try StatusSummary(store: store, forms: catalog.forms, unit: unit), forms: catalog.forms
                    )
                    for table in tables {
                        try AtomicFile.write(table.data, to: FilePath(folder.appendingPathComponent(table.name).path))
                    }
                    try store.noteWrittenOutside(
                        folder.standardizedFileURL.path, what: "export (CSV-mapp)", clerk: StatusClerk.name(nil))
                    Diagnostics.note("Skrev \(Swedish.count(tables.count, "CSV-fil", "CSV-filer")) i \(folder.path).")
                }
            }
        }
    }
}
