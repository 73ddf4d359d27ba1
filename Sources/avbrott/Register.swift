import ArgumentParser
import Drafts
import FormKit
import Foundation

extension Avbrott {
    struct Register: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "register",
            abstract: "Markera granskade poster som registrerade i verksamhetssystemet.",
            discussion: """
                Bara poster som en person har granskat kan markeras, och inte poster som är \
                markerade för uppföljning. Systemet följer av planen för enhetens typ (och av \
                t.ex. Lagrum på journalanteckningen). Ett datum och en signatur som redan står \
                på papperet (Inregistrerad i Paraplyet) är registreringen; tomma fylls i. Ett \
                USB-minne (bilaga 2) är klart först när det är återlämnat och signerat. Allt loggas.
                """)

        @OptionGroup var formsOptions: FormsOptions
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Option(help: ArgumentHelp("Postens nummer (se avbrott status eller export).", valueName: "id")) var record:
            [Int64] = []
        @Flag(name: .customLong("all-verified"), help: "Alla granskade poster på blanketten --form.") var allVerified =
            false
        @Option(help: ArgumentHelp("Blankett för --all-verified, t.ex. bilaga-3.", valueName: "id")) var form: String?
        @Option(help: ArgumentHelp("Registreringsdatum ÅÅÅÅ-MM-DD (standard: idag).", valueName: "datum")) var date:
            String?
        @Option(help: ArgumentHelp("Signatur (initialer) (standard: initialerna i --clerk).", valueName: "sign"))
        var sign: String?
        @Option(help: ArgumentHelp("Ditt namn i loggen (standard: inloggningsnamnet).", valueName: "namn")) var clerk:
            String?

        func validate() throws {
            if record.isEmpty && !allVerified {
                throw ValidationError("Ange --record ID, eller --all-verified --form ID.")
            }
            if allVerified && form == nil {
                throw ValidationError("--all-verified kräver --form, t.ex. --form bilaga-3.")
            }
            if !record.isEmpty && allVerified {
                throw ValidationError("Ange antingen --record eller --all-verified, inte båda.")
            }
            if let date {
                guard date.count == 10, let day = CivilDate(iso: date) else {
                    throw ValidationError("--date måste vara ett datum som ÅÅÅÅ-MM-DD, inte \"\(date)\".")
                }
                if day > CivilDate.today() { throw ValidationError("--date \(date) ligger i framtiden.") }
            }
            if let sign, sign.trimmingCharacters(in: .whitespaces).isEmpty || sign.count > 12 {
                throw ValidationError("--sign ska vara initialer, högst 12 tecken.")
            }
        }

        func run() throws {
            try reportingErrors {
                let catalog = try formsOptions.catalog()
                let store = try workspaceOptions.open(create: false, .writing("registrering"))
                let who = StatusClerk.name(clerk)
                var ids = record
                if allVerified, let form {
                    _ = try catalog.require(form)
                    ids = try store.verifiedRecordIDs(form: form, forms: catalog.forms)
                    if ids.isEmpty {
                        Diagnostics.output("Inga granskade, oregistrerade poster på \(form).")
                        return
                    }
                }
                let day = date.flatMap { CivilDate(iso: $0) } ?? CivilDate.today()
                let unit = try UnitFiles.workspaceUnit(store, forms: catalog)
                let result = try store.register(
                    recordIDs: ids, forms: catalog.forms, unit: unit.type, date: day,
                    sign: sign ?? Self.initials(who), clerk: who)
                for o in result.registered {
                    var line = "Post \(o.recordID) (\(o.form)) registrerad i \(o.system) \(o.date), sign \(o.sign)"
                    line += o.fromPaper ? " (enligt pappret)." : "."
                    if !o.filledFields.isEmpty { line += " Ifyllt: \(o.filledFields.joined(separator: ", "))." }
                    Diagnostics.output(line)
                }
                for refusal in result.refused {
                    Diagnostics.error("Inte registrerad: \(refusal.description)")
                }
                if !result.refused.isEmpty {
                    Diagnostics.output(
                        "\(Swedish.count(result.registered.count, "post registrerad", "poster registrerade")), "
                            + "\(Swedish.count(result.refused.count, "vägrad", "vägrade")).")
                    throw ExitCode.failure
                }
            }
        }

        /// "Anna Berg" → "AB"; a single word (a login name) as it is, upper-cased, at most 6 letters.
        static func initials(_ name: String) -> String {
            let words = name.split(whereSeparator: { $0 == " " || $0 == "." || $0 == "-" })
            if words.count >= 2 { return words.compactMap(\.first).map { String($0).uppercased() }.joined() }
            return String(name.prefix(6)).uppercased()
        }
    }
}
