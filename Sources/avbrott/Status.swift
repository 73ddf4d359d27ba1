import ArgumentParser
import Binder
import Drafts
import FormKit
import Foundation

extension Avbrott {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Visa arbetsytans blad, poster, fält att granska och vad som är registrerat eller försenat.",
            discussion: """
            Tidsfristerna räknas från avbrottets slutdatum: HSL-anteckningar inom en vecka, \
            SoL-anteckningar och övriga handlingar inom tio arbetsdagar (helgdagar, midsommar-, \
            jul- och nyårsafton räknas inte), utförarrapportering omgående. Slutdatumet sparas i \
            arbetsytan när det anges med --outage-end; annars gäller dagen för första inläsningen.
            """)

        @OptionGroup var formsOptions: FormsOptions
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @OptionGroup var outage: OutageEndOptions

        func run() throws {
            try reportingErrors {
                let catalog = try formsOptions.catalog()
                let store = try workspaceOptions.open(create: false)
                try outage.apply(to: store)
                let summary = try StatusSummary(store: store, forms: catalog.forms)
                print(ReportText.render(StatusReport.document(summary, workspace: store.workspace.root.path)), terminator: "")
            }
        }
    }
}

/// `--outage-end`: stored in the workspace once given.
struct OutageEndOptions: ParsableArguments {
    @Option(name: .customLong("outage-end"),
            help: ArgumentHelp("Dagen då avbrottet tog slut, ÅÅÅÅ-MM-DD (sparas i arbetsytan).", valueName: "datum"))
    var outageEnd: String?

    @Option(help: ArgumentHelp("Ditt namn i loggen (standard: inloggningsnamnet).", valueName: "namn"))
    var clerk: String?

    func validate() throws {
        if let outageEnd, CivilDate(iso: outageEnd) == nil || outageEnd.count != 10 {
            throw ValidationError("--outage-end måste vara ett datum som ÅÅÅÅ-MM-DD, inte \"\(outageEnd)\".")
        }
    }

    func apply(to store: DraftStore) throws {
        guard let text = outageEnd, let date = CivilDate(iso: text) else { return }
        try store.setOutageEnd(date, clerk: StatusClerk.name(clerk))
    }
}

/// The person a change is attributed to: `--clerk`, else the login name.
enum StatusClerk {
    static func name(_ explicit: String?) -> String {
        if let explicit, !explicit.trimmingCharacters(in: .whitespaces).isEmpty {
            return explicit.trimmingCharacters(in: .whitespaces)
        }
        let env = ProcessInfo.processInfo.environment
        return env["LOGNAME"] ?? env["USER"] ?? NSUserName()
    }
}
