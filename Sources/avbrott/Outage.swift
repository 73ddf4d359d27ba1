import ArgumentParser
import Drafts
import FormKit
import Foundation

extension Avbrott {
    struct Outage: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "outage",
            abstract: "Ange eller visa avbrottets datum och vilken enhet arbetsytan gäller.",
            discussion: """
                Datumen på bladen (beslutsdatum, utbetalningar, besök) läses mot avbrottet, \\
                tidsfristerna räknas från dess slut och sammanställningen visar dess längd. Utan \\
                flaggor visas det som är angivet. Ange gärna avbrottet före första inläsningen; \\
                utan slutdatum antas avbrottet ha slutat dagen för första inläsningen. När datumen \\
                ändras läses de redan inlästa datumen och personnumren om mot de nya.
                """)

        @OptionGroup var formsOptions: FormsOptions
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Option(help: ArgumentHelp("Dagen avbrottet började, ÅÅÅÅ-MM-DD.", valueName: "datum")) var start: String?
        @Option(help: ArgumentHelp("Dagen avbrottet slutade, ÅÅÅÅ-MM-DD.", valueName: "datum")) var end: String?
        @Option(help: ArgumentHelp("Enhetens inställningsfil (samma som för utskriften).", valueName: "fil")) var unit:
            String?
        @Option(help: ArgumentHelp("Ditt namn i loggen (standard: inloggningsnamnet).", valueName: "namn")) var clerk:
            String?

        func validate() throws {
            for (name, value) in [("--start", start), ("--end", end)] {
                if let value, value.count != 10 || CivilDate(iso: value) == nil {
                    throw ValidationError("\(name) måste vara ett datum som ÅÅÅÅ-MM-DD, inte \"\(value)\".")
                }
            }
            if let start, let end, let a = CivilDate(iso: start), let b = CivilDate(iso: end), a > b {
                throw ValidationError("--start \(start) ligger efter --end \(end).")
            }
            if let end, let day = CivilDate(iso: end), day > .today() {
                throw ValidationError("--end \(end) ligger i framtiden; ange slutdagen när avbrottet är över.")
            }
        }

        var setting: Bool { start != nil || end != nil || unit != nil }

        func run() throws {
            try reportingErrors {
                let store = try workspaceOptions.open(
                    create: setting, setting ? .writing("avbrottets datum") : .reading)
                if setting {
                    let old = try store.outage()
                    var unitFile = old?.unitFile, unitText = old?.unitText
                    if let unit {
                        let catalog = try formsOptions.catalog()
                        let url = URL(fileURLWithPath: unit)
                        _ = try UnitFiles.unit(path: unit, forms: catalog)
                        unitText = try UnitFiles.readText(url)
                        unitFile = url.lastPathComponent
                    }
                    let outage = Drafts.Outage(
                        start: start.flatMap { CivilDate(iso: $0) } ?? old?.start,
                        end: end.flatMap { CivilDate(iso: $0) } ?? old?.end,
                        unitFile: unitFile, unitText: unitText, recordedBy: StatusClerk.name(clerk))
                    if let s = outage.start, let e = outage.end, s > e {
                        throw ValidationError("Avbrottet kan inte börja \(s) och sluta \(e).")
                    }
                    try store.setOutage(outage, clerk: StatusClerk.name(clerk))
                    if let dates = try store.outageDates() {
                        let changed = try store.recheckDates(
                            context: dates.decodingContext, clerk: StatusClerk.name(clerk))
                        if changed > 0 {
                            Diagnostics.output(
                                "\(Swedish.count(changed, "fält", "fält")) fick ett annat värde när datumen lästes om "
                                    + "och ska granskas.")
                        }
                    }
                }
                Diagnostics.output(Self.describe(try store.outage(), dates: try store.outageDates()))
            }
        }

        static func describe(_ outage: Drafts.Outage?, dates: OutageDates?) -> String {
            var lines: [String] = []
            lines.append("Avbrottet började: " + (outage?.start?.description ?? "inte angivet"))
            if let dates, !dates.endAssumed {
                lines.append("Avbrottet slutade: \(dates.end)")
            } else if let dates {
                lines.append("Avbrottet slutade: inte angivet; antas vara \(dates.end), dagen för första inläsningen")
            } else {
                lines.append("Avbrottet slutade: inte angivet")
            }
            if let days = dates?.days { lines.append("Längd: \(Swedish.count(days, "dag", "dagar"))") }
            lines.append("Enhet: " + (outage?.unitFile ?? "inte angiven (standardexemplet)"))
            return lines.joined(separator: "\n")
        }
    }
}
