import ArgumentParser
import Drafts
import FormKit
import Platform

extension Avbrott {
    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "audit",
            abstract:
                "Visa granskningsloggen, eller kontrollera att den är obruten och stämmer med uppgifterna (--verify).",
            discussion: """
                Varje godkännande, rättelse, registrering och uppföljningsmarkering loggas med \\
                handläggare och tid. Posterna är kedjade med SHA-256. --verify räknar om kedjan, \\
                spelar upp loggen mot varje fälts värde och varje posts status, och kontrollerar att \\
                loggens skydd mot ändringar finns kvar; avslutas med status 1 och det som inte stämmer. \\
                --head visar kedjans längd och sista hash (skriv upp den; kvittensen och status visar \\
                den också); --expect HASH kontrollerar att kedjan fortfarande innehåller den.
                """)

        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Flag(help: "Kontrollera kedjan, loggen mot uppgifterna och loggens skydd.") var verify = false
        @Flag(help: "Visa kedjans längd och sista hash.") var head = false
        @Option(
            help: ArgumentHelp(
                "Med --verify: en tidigare uppskriven sista hash som ska finnas kvar i kedjan.",
                valueName: "hash"))
        var expect: String?

        func validate() throws {
            if expect != nil && !verify { throw ValidationError("--expect används tillsammans med --verify.") }
            if let expect, expect.count != 64 || !expect.allSatisfy(\.isHexDigit) {
                throw ValidationError("--expect ska vara en SHA-256-hash: 64 hexadecimala tecken.")
            }
        }

        func run() throws {
            var broken = false
            try reportingErrors {
                let store = try workspaceOptions.open(create: false)
                if head {
                    let h = try store.auditHead()
                    Diagnostics.output(
                        "Granskningsloggen: \(Swedish.count(h.entries, "post", "poster")), sista hash \(h.hash)")
                    return
                }
                guard verify else {
                    for e in try store.auditEntries() {
                        let change =
                            (e.oldValue != nil || e.newValue != nil)
                            ? "\(e.oldValue ?? "–") → \(e.newValue ?? "–")" : ""
                        let place = [e.recordID.map { "post \($0)" }, e.fieldID].compactMap { $0 }.joined(
                            separator: " ")
                        let columns = ["\(e.id ?? 0)", e.at, e.clerk, e.action, place, change, e.note ?? ""]
                        Diagnostics.output(columns.map { TerminalText.safe($0) }.joined(separator: "\t"))
                    }
                    return
                }
                switch try store.verifyAudit() {
                case .intact(let count):
                    Diagnostics.output("Kedjan är obruten: \(Swedish.count(count, "post", "poster")).")
                case .broken(let entryID, let reason):
                    Diagnostics.error("Granskningsloggen är bruten vid post \(entryID): \(reason).")
                    broken = true
                }
                if let expect, !(try store.auditContains(hash: expect)) {
                    Diagnostics.error(
                        "Kedjan innehåller inte hashen \(expect): poster har tagits bort i slutet av loggen.")
                    broken = true
                }
                let findings = try store.replayAudit()
                for finding in findings { Diagnostics.error(TerminalText.safe(finding.description)) }
                if findings.isEmpty {
                    Diagnostics.output("Loggen stämmer med varje fält och post, och loggens skydd finns kvar.")
                } else {
                    broken = true
                }
            }
            if broken { throw ExitCode.failure }
        }
    }
}
