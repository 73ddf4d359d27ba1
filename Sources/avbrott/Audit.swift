import ArgumentParser
import Drafts

extension Avbrott {
    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "audit",
            abstract: "Visa granskningsloggen, eller kontrollera att den är obruten (--verify).",
            discussion: """
                Varje godkännande, rättelse och uppföljningsmarkering loggas med handläggare och tid. \
                Posterna är kedjade med SHA-256: --verify räknar om kedjan och avslutas med status 1 \
                och namnet på den första brutna posten om något har ändrats eller tagits bort.
                """)

        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Flag(help: "Kontrollera hashkedjan i stället för att lista posterna.") var verify = false

        func run() throws {
            var broken = false
            try reportingErrors {
                let store = try workspaceOptions.open(create: false)
                if verify {
                    switch try store.verifyAudit() {
                    case .intact(let count):
                        print("Granskningsloggen är obruten: \(count) poster.")
                    case .broken(let entryID, let reason):
                        Diagnostics.error("Granskningsloggen är bruten vid post \(entryID): \(reason).")
                        broken = true
                    }
                    return
                }
                for e in try store.auditEntries() {
                    let change =
                        (e.oldValue != nil || e.newValue != nil)
                        ? "\t\(e.oldValue ?? "–") → \(e.newValue ?? "–")" : "\t"
                    let place = [e.recordID.map { "post \($0)" }, e.fieldID].compactMap { $0 }.joined(separator: " ")
                    print("\(e.id)\t\(e.at)\t\(e.clerk)\t\(e.action)\t\(place)\(change)\t\(e.note ?? "")")
                }
            }
            if broken { throw ExitCode.failure }
        }
    }
}
