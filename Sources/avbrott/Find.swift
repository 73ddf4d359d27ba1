import ArgumentParser
import Drafts
import FormKit
import Foundation
import Reports

extension Avbrott {
    struct Find: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "find",
            abstract: "Alla poster om en klient, på alla blanketter och blad.",
            discussion: """
                Sök på personnummer (10 eller 12 siffror, med eller utan bindestreck) eller på namn \
                (del av namnet; stora och små bokstäver och accenter spelar ingen roll). Visar \
                postens status och var papperet finns.
                """)

        @OptionGroup var formsOptions: FormsOptions
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Argument(help: ArgumentHelp("Personnummer eller namn.", valueName: "text")) var text: String

        func validate() throws {
            if ClientSearch.Query(text) == nil {
                throw ValidationError(
                    "Ange ett personnummer med 10 eller 12 siffror, eller minst två bokstäver av ett namn.")
            }
        }

        func run() throws {
            try reportingErrors {
                guard let query = ClientSearch.Query(text) else { return }
                let catalog = try formsOptions.catalog()
                let store = try workspaceOptions.open(create: false)
                let search = ClientSearch(query, records: try store.records(), forms: catalog.forms)
                Diagnostics.output(ReportText.render(search.document(text)), terminator: "")
                if search.hits.isEmpty { throw ExitCode.failure }
            }
        }
    }
}
