import ArgumentParser
import Binder
import FormKit
import Foundation

extension Avbrott {
    struct Print: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "print",
            abstract: "Skriv ut avbrotts- och kontinuitetspärmen som en PDF.",
            discussion: """
                Utan flaggor skrivs hela pärmen för enheten ut: omslag, innehåll, snabbguider per \
                avbrottsnivå, checklista för återgång, kontakter, mallar och listor. Varje blad har \
                registreringsmärken och en QR-kod så att det kan läsas in maskinellt efter avbrottet.
                """)

        @OptionGroup var formsOptions: FormsOptions

        @Option(
            name: .long, help: ArgumentHelp("Enhetens inställningsfil (standard: exempelenheten).", valueName: "fil"))
        var config: String?

        @Option(name: .shortAndLong, help: ArgumentHelp("PDF-fil att skriva.", valueName: "fil"))
        var out: String?

        @Option(name: .long, help: ArgumentHelp("Skriv bara extra tomma blad av en blankett.", valueName: "id"))
        var form: String?

        @Option(name: .long, help: ArgumentHelp("Antal extra blad med --form.", valueName: "antal"))
        var copies: Int = 1

        @Flag(name: .long, help: "Skriv bara ut kalibreringsbladet.")
        var calibration = false

        @Option(
            name: .long, help: ArgumentHelp("Pärm-id (sex tecken); standard: ett nytt slumpat id.", valueName: "id"))
        var binderID: String?

        func validate() throws {
            if form != nil && calibration {
                throw ValidationError("Ange antingen --form eller --calibration, inte båda.")
            }
            if !(1...500).contains(copies) { throw ValidationError("--copies måste vara mellan 1 och 500.") }
            if form == nil && copies != 1 { throw ValidationError("--copies gäller bara tillsammans med --form.") }
            if let binderID, !SheetID.isValidBinderID(binderID) {
                throw ValidationError("Pärm-id ska vara sex tecken av \(String(SheetID.binderAlphabet)).")
            }
        }

        func run() throws {
            try reportingErrors {
                let catalog = try formsOptions.catalog()
                let unit = try UnitFiles.unit(path: config, forms: catalog)
                let content = try UnitFiles.binderContent(forms: catalog)
                let id = binderID ?? SheetID.randomBinderID()
                let plan: BinderPlan
                let defaultName: String
                if let form {
                    plan = BinderPlan.extraSheets(of: try catalog.require(form), copies: copies, binderID: id)
                    defaultName = "extrablad-\(form)-\(id).pdf"
                } else if calibration {
                    plan = BinderPlan.extraSheets(of: try catalog.require("kalibrering"), copies: 1, binderID: id)
                    defaultName = "kalibreringsblad-\(id).pdf"
                } else {
                    plan = BinderPlan.binder(catalog: catalog, unit: unit, content: content, binderID: id)
                    defaultName = "avbrottsparm-\(id).pdf"
                }
                let path = out ?? defaultName
                try BinderPrinter(unit: unit, content: content).write(plan, to: path)
                Diagnostics.note("Skrev \(path): \(Swedish.count(plan.pages.count, "sida", "sidor")), pärm-id \(id).")
            }
        }
    }
}
