import ArgumentParser
import Drafts
import FormKit
import Foundation
import Ingest

extension Avbrott {
    struct Ingest: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ingest",
            abstract: "Läs in skannade blad och gör utkast av varje ifylld rad och mall.",
            discussion: """
                Tar filer eller mappar med PNG, JPEG, TIFF (även flersidiga) och PDF. Varje sida \
                identifieras med sin QR-kod, passas in mot registreringsmärkena och varje fält läses. \
                Samma fil två gånger läggs inte till igen. Avslutas med status 1 om någon fil eller \
                sida inte kunde läsas eller identifieras; de sparas ändå och visas i status och granskning.
                """)

        @OptionGroup var formsOptions: FormsOptions
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Option(help: ArgumentHelp("Antal sidor som läses samtidigt (standard: antal kärnor).", valueName: "antal"))
        var jobs: Int?
        @Argument(help: ArgumentHelp("Filer eller mappar med skanningar.", valueName: "sökväg")) var paths: [String]

        func validate() throws {
            if paths.isEmpty { throw ValidationError("Ange minst en fil eller mapp att läsa in.") }
            if let jobs, !(1...64).contains(jobs) { throw ValidationError("--jobs måste vara mellan 1 och 64.") }
        }

        func run() throws {
            var failed = false
            try reportingErrors {
                let catalog = try formsOptions.catalog()
                let store = try workspaceOptions.open(create: true, .writing("inläsning"))
                let outage = try store.outageDates()
                if outage?.endAssumed ?? true {
                    Diagnostics.note(
                        "avbrott: obs: inget slutdatum för avbrottet är angivet; datumen läses som om det "
                            + "slutade \(outage?.end ?? .today()) (första inläsningen). Ange datumen med avbrott outage."
                    )
                }
                let statusLine = IngestStatusLine.isWanted ? IngestStatusLine() : nil
                let runner = try IngestRunner(
                    catalog: catalog, store: store,
                    context: outage?.decodingContext ?? .outage(reference: .today()),
                    workers: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                    log: { line in
                        if let statusLine { statusLine.line(line) } else { Diagnostics.note(line) }
                    })
                if let statusLine { runner.progress = { statusLine.update($0) } }
                let report = runner.run(paths: RawArguments.paths(paths))
                statusLine?.finish()
                Diagnostics.output(Self.summary(report))
                if report.lowResolutionPages > 0 {
                    Diagnostics.note(
                        "avbrott: tips: \(report.lowResolutionPages) av sidorna är "
                            + (report.lowResolutionPages == 1 ? "skannad" : "skannade") + " under "
                            + "\(Int(IngestRunner.recommendedDPI)) dpi. Skanna i \(Int(IngestRunner.recommendedDPI)) dpi "
                            + "så läses handskrivna siffror säkrare.")
                }
                if report.smallPrintPages > 0 {
                    Diagnostics.note(
                        "avbrott: tips: \(report.smallPrintPages) av sidorna är utskrivna mindre än "
                            + "\(Int(IngestRunner.minimumPrintScale * 100)) %. Skriv ut pärmen i 100 % "
                            + "(slå av \"Anpassa till sida\") så får siffrorna rutor i rätt storlek.")
                }
                failed = report.somethingFailed
            }
            if failed { throw ExitCode.failure }
        }

        /// The run in one line, every count agreeing in number with its noun.
        static func summary(_ r: IngestReport) -> String {
            var text =
                "Inläsning klar: \(Swedish.count(r.filesSeen, "fil", "filer")) "
                + "(\(r.filesAlreadyIngested) redan \(r.filesAlreadyIngested == 1 ? "inläst" : "inlästa")), "
                + "\(Swedish.count(r.pagesStored, "ny sida", "nya sidor")): "
                + "\(r.identified) \(r.identified == 1 ? "identifierad" : "identifierade")"
                + (r.blankPages > 0 ? " (varav \(r.blankPages) utan något ifyllt)" : "") + ", "
                + "\(r.unidentified) \(r.unidentified == 1 ? "oidentifierad" : "oidentifierade"), "
                + "\(Swedish.count(r.duplicates, "dubblett", "dubbletter")); "
                + "\(Swedish.count(r.records, "ny post", "nya poster")), "
                + "\(Swedish.count(r.fieldsToReview, "fält", "fält")) att granska."
            if r.pagesStoredElsewhere > 0 {
                text +=
                    " \(Swedish.count(r.pagesStoredElsewhere, "sida", "sidor")) lästes samtidigt in av en annan körning."
            }
            if r.notRead > 0 {
                text += " \(Swedish.count(r.notRead, "fil eller mapp", "filer eller mappar")) lästes inte (se ovan)."
            }
            return text
        }
    }
}
