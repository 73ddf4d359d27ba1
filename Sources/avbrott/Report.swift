import ArgumentParser
import Drafts
import FormKit
import Foundation
import Platform
import Reports

extension Avbrott {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Sammanställning efter avbrottet för ledningsgruppens analys (PDF och i terminalen).",
            discussion: """
                Vad som upprättats per blankett och typ av handling, beslut, utbetalningar med \
                ICA-kort och avstämningar, utlämnade och återlämnade USB-minnen, och vad som ännu inte \
                är registrerat. Innehåller inga klientnamn eller personnummer.
                """)

        @OptionGroup var formsOptions: FormsOptions
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Option(help: ArgumentHelp("PDF-filen (standard: ./sammanstallning-avbrott-ÅÅÅÅ-MM-DD.pdf).", valueName: "fil"))
        var out: String?

        func run() throws {
            try reportingErrors {
                let catalog = try formsOptions.catalog()
                let store = try workspaceOptions.open(create: false)
                let today = CivilDate.today()
                let analysis = try StatusAnalysis(
                    store: store, forms: catalog.forms, unit: try UnitFiles.workspaceUnit(store, forms: catalog),
                    today: today)
                let document = OutageReport.document(analysis, generatedOn: today.description)
                let path = out ?? "sammanstallning-avbrott-\(today).pdf"
                try AtomicFile.write(try ReportPDF.render(document).data(), to: FilePath(path))
                Diagnostics.output(ReportText.render(document), terminator: "")
                Diagnostics.output("\nSammanställningen är sparad i \(path).")
            }
        }
    }
}
