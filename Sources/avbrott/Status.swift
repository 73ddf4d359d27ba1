import ArgumentParser
import Drafts
import FormKit
import Foundation
import Platform
import Reports

extension Avbrott {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Visa arbetsytans blad, poster, fält att granska och vad som är registrerat eller försenat.",
            discussion: """
                Tidsfristerna räknas från avbrottets slutdatum: HSL-anteckningar inom en vecka, \
                SoL-anteckningar och övriga handlingar inom tio arbetsdagar (helgdagar, midsommar-, \
                jul- och nyårsafton räknas inte), utförarrapportering omgående. Avbrottets datum anges \
                med avbrott outage; utan det gäller dagen för första inläsningen som slutdatum.
                """)

        @OptionGroup var formsOptions: FormsOptions
        @OptionGroup var workspaceOptions: WorkspaceOptions

        func run() throws {
            try reportingErrors {
                let catalog = try formsOptions.catalog()
                let store = try workspaceOptions.open(create: false)
                let analysis = try StatusAnalysis(
                    store: store, forms: catalog.forms, unit: try UnitFiles.workspaceUnit(store, forms: catalog))
                Diagnostics.output(
                    ReportText.render(StatusReport.document(analysis, workspace: store.workspace.root.path)),
                    terminator: "")
            }
        }
    }
}

/// The person a change is attributed to: `--clerk`, else the login name.
enum StatusClerk {
    static func name(_ explicit: String?) -> String {
        if let explicit, !explicit.trimmingCharacters(in: .whitespaces).isEmpty {
            return TerminalText.safe(explicit.trimmingCharacters(in: .whitespaces))
        }
        let env = ProcessInfo.processInfo.environment
        return TerminalText.safe(env["LOGNAME"] ?? env["USER"] ?? NSUserName())
    }
}
