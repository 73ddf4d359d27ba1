import ArgumentParser
import Drafts
import FormKit
import Foundation
import Platform
import Reports

extension Avbrott {
    struct Worklist: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "worklist",
            abstract: "Allt som återstår: vad som ska registreras var och när, USB-minnen ute, ICA-kontot.",
            discussion: """
                Varje post som inte är registrerad, ordnad efter system, handläggare och tidsfrist, \
                med klientens namn och personnummer, dokumentets datum, anteckningar om uppföljning, \
                varningar som godkänts vid granskningen, och bladet och raden där papperet finns. \
                Var och när följer planen för enhetens typ (avbrott outage --unit). Listan innehåller \
                personuppgifter: skriv den bara där obehöriga inte kommer åt den. En fil som skrivs \
                utanför arbetsytan noteras och nämns i kvittensen vid rensningen.
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, json, pdf
        }

        @OptionGroup var formsOptions: FormsOptions
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Option(
            help: ArgumentHelp("Bara ett system (del av namnet, t.ex. paraply eller ParaSoL).", valueName: "system"))
        var system: String?
        @Option(help: ArgumentHelp("Bara en handläggare (del av namnet).", valueName: "namn")) var clerk: String?
        @Flag(help: "Bara poster vars tidsfrist har passerat.") var overdue = false
        @Option(help: ArgumentHelp("text, json eller pdf (standard: text).", valueName: "format")) var format: Format =
            .text
        @Option(name: .shortAndLong, help: ArgumentHelp("Filen att skriva (krävs för pdf).", valueName: "fil"))
        var out: String?

        func validate() throws {
            if format == .pdf && out == nil { throw ValidationError("--format pdf kräver -o FIL.") }
        }

        func run() throws {
            try reportingErrors {
                let catalog = try formsOptions.catalog()
                let store = try workspaceOptions.open(
                    create: false, out == nil ? .reading : .writing("arbetslistan"))
                let unit = try UnitFiles.workspaceUnit(store, forms: catalog)
                let analysis = try StatusAnalysis(store: store, forms: catalog.forms, unit: unit)
                let list = Reports.Worklist(
                    analysis, forms: catalog.forms,
                    filter: .init(system: system, clerk: clerk, overdueOnly: overdue))
                let title = "Arbetslista efter avbrottet, \(CivilDate.today())"
                let data: Data
                switch format {
                case .json: data = try list.json()
                case .text:
                    data = Data(ReportText.render(WorklistReport.document(list, title: title, printable: false)).utf8)
                case .pdf:
                    data = try ReportPDF.render(WorklistReport.document(list, title: title, printable: true)).data()
                }
                guard let out else {
                    if format == .json {
                        FileHandle.standardOutput.write(data)
                    } else {
                        Diagnostics.output(String(decoding: data, as: UTF8.self), terminator: "")
                    }
                    return
                }
                try AtomicFile.write(data, to: FilePath(out))
                try store.noteWrittenOutside(
                    URL(fileURLWithPath: out).standardizedFileURL.path, what: "arbetslista",
                    clerk: StatusClerk.name(nil))
                Diagnostics.note("Skrev \(out) (\(Swedish.count(list.items.count, "post", "poster"))).")
            }
        }
    }
}
