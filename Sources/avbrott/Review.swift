import ArgumentParser
import Drafts
import FormKit
import Foundation
import Platform
import Review

extension Avbrott {
    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "review",
            abstract: "Granska utkasten fält för fält och verifiera posterna.",
            discussion: """
                Helskärm i terminalen, bara tangentbord. Varje ändring sparas direkt med en post i \
                granskningsloggen; nästa gång fortsätter granskningen där du slutade. Osäkra \
                personnummer, belopp och nummer skrivs av från bilden utan att tolkningen visas \
                (dubbelinmatning). Med --plain läses svaren rad för rad från standard in \
                (tom rad godkänner, text rättar, q avslutar), för skärmläsare och rör.
                """)

        @OptionGroup var formsOptions: FormsOptions
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Option(help: ArgumentHelp("Handläggarens namn i loggen (standard: inloggningsnamnet).", valueName: "namn"))
        var clerk: String?
        @Option(
            help: ArgumentHelp("Ordning: flagged (flaggade fält först) eller page (sidordning).", valueName: "ordning"))
        var order: String?
        @Flag(help: "Rad-för-rad-läge utan helskärm (skärmläsare, rör).") var plain = false

        func validate() throws {
            if let order, ReviewOrder(rawValue: order) == nil {
                throw ValidationError("--order ska vara flagged eller page.")
            }
            if let clerk, clerk.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("--clerk får inte vara tomt.")
            }
        }

        func run() throws {
            try reportingErrors {
                let environment = ProcessInfo.processInfo.environment
                if !plain { try Terminal.check(environment: environment) }
                guard let name = (clerk ?? ClerkName.login(environment: environment)).map({ TerminalText.safe($0) })
                else {
                    throw ValidationError("Kan inte avgöra vem du är: ange --clerk NAMN.")
                }
                let store = try workspaceOptions.open(create: false, .writing("granskning av \(name)"))
                let catalog: FormCatalog?
                do { catalog = try formsOptions.catalog() } catch {
                    // Review works without the forms, with field ids for labels; say why.
                    Diagnostics.note("avbrott: obs: blanketterna kan inte läsas (\(error)); fälten visas med sina id.")
                    catalog = nil
                }
                let layouts = FormLayouts(catalog: catalog)
                let session = try ReviewSession(
                    store: store, clerk: name, layouts: layouts,
                    order: order.flatMap(ReviewOrder.init(rawValue:)))
                if plain {
                    let workspace = store.workspace
                    var written: Set<String> = []
                    // The images are for this session only: removed when it ends (purge removes any left).
                    defer { for path in written { _ = unlink(path) } }
                    PlainReview.run(
                        session, readLine: { Swift.readLine(strippingNewline: true) },
                        write: { Diagnostics.output($0) },
                        images: { png, name in
                            let path = try workspace.writeReviewImage(png, name: name)
                            written.insert(path)
                            return path
                        })
                    if let lost = session.lost { throw lost }
                } else {
                    try ReviewScreen.run(session, environment: environment)
                    if let lost = session.lost { throw lost }
                    let p = session.progress
                    Diagnostics.note(
                        "Sparat. Verifierade poster: \(p.recordsVerified) av \(p.recordsTotal), fält kvar: \(p.fieldsLeft)."
                    )
                }
            }
        }
    }
}
