import ArgumentParser
import Drafts
import Evaluation
import FormKit
import Foundation
import Imaging
import Ingest
import Platform

/// Ingests a set of scans into a throw-away workspace and prints speed,
/// memory, and (with a ground truth) how well every field kind was read.
struct IngestBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Mät inläsning: tid per sida, minne och (med facit) träffsäkerhet per fältsort.")

    @OptionGroup var formsOptions: FormsOptions
    @Option(help: ArgumentHelp("Facit (truth.json) att jämföra med.", valueName: "fil")) var truth: String?
    @Option(help: ArgumentHelp("Antal sidor som läses samtidigt (1 = en kärna).", valueName: "antal")) var jobs = 1
    @Option(help: ArgumentHelp("Jämför med ren Tesseract på den här sidan (PNG/JPEG/TIFF).", valueName: "bild"))
    var tesseractPage: String?
    @Option(
        name: .customLong("outage-end"),
        help: ArgumentHelp("Avbrottets slutdag, ÅÅÅÅ-MM-DD: datumen på bladen läses mot den.", valueName: "datum"))
    var outageEnd: String
    @Argument(help: ArgumentHelp("Skanningar (filer eller mappar).", valueName: "sökväg")) var paths: [String]

    func validate() throws {
        if outageEnd.count != 10 || CivilDate(iso: outageEnd) == nil {
            throw ValidationError("--outage-end måste vara ett datum som ÅÅÅÅ-MM-DD, inte \"\(outageEnd)\".")
        }
    }

    func run() async throws {
        try await reportingErrors {
            let scratch = FileManager.default.temporaryDirectory
                .appendingPathComponent("avbrott-bench-ingest-\(ProcessInfo.processInfo.processIdentifier)")
            defer { try? FileManager.default.removeItem(at: scratch) }
            let store = try DraftStore(workspace: try Workspace(path: scratch.path, create: true))
            let end = CivilDate(iso: outageEnd) ?? .today()
            let runner = try IngestRunner(
                catalog: try formsOptions.catalog(), store: store,
                context: .outage(reference: end), workers: jobs, log: { _ in })
            var before = rusage()
            getrusage(RUSAGE_SELF.rawValue, &before)
            let start = DispatchTime.now().uptimeNanoseconds
            let report = runner.run(paths: RawArguments.paths(paths))
            let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            var after = rusage()
            getrusage(RUSAGE_SELF.rawValue, &after)
            let cpu =
                Self.seconds(after.ru_utime) + Self.seconds(after.ru_stime)
                - Self.seconds(before.ru_utime) - Self.seconds(before.ru_stime)

            let times = report.pageSeconds.sorted()
            let median = times.isEmpty ? 0 : times[times.count / 2]
            Diagnostics.output(
                "Inläsning av \(Swedish.count(report.pagesStored, "sida", "sidor")) med \(jobs) samtidiga:")
            Diagnostics.output(
                String(
                    format: "  per sida, median:   %.3f s (snabbast %.3f, längsta %.3f)", median,
                    times.first ?? 0, times.last ?? 0))
            Diagnostics.output(
                String(
                    format: "  vägg totalt:        %.2f s, CPU %.2f s (%.2f kärnor i snitt)", wall, cpu,
                    wall > 0 ? cpu / wall : 0))
            Diagnostics.output(String(format: "  minne, topp:        %.0f MB", Double(after.ru_maxrss) / 1024))
            if !report.layoutFits.isEmpty {
                let claimed = report.layoutFits.map(\.claimed).sorted()
                let margin = report.layoutFits.map { $0.claimed - $0.bestOther }.sorted()
                Diagnostics.output(
                    String(
                        format:
                            "  sidan mot sin blanketts linjer: lägst %.3f, median %.3f; försprång före bästa andra blankett: lägst %.3f",
                        claimed[0], claimed[claimed.count / 2], margin[0]))
            }
            if let page = tesseractPage {
                Diagnostics.output("  " + (await Self.tesseractComparison(page: page, ourMedian: median)))
            }
            if let truth {
                let comparison = try TruthComparison(truthFile: URL(fileURLWithPath: truth), store: store)
                Diagnostics.output("Jämfört med facit (\(truth)):")
                Diagnostics.output(
                    "  blanketter identifierade: \(comparison.identifiedRight) av \(comparison.formPages); "
                        + "andra sidor avvisade: \(comparison.otherPagesRight) av \(comparison.otherPages)")
                Diagnostics.output(
                    "  fältsort              fält  rätt    granskas  fel utan flagga  avsiktliga fel flaggade")
                for (kind, t) in comparison.tallies.sorted(by: { $0.key < $1.key }) {
                    Diagnostics.output(Self.row(kind, t))
                }
                Diagnostics.output(Self.row("totalt", comparison.total))
                for example in comparison.unflaggedExamples { Diagnostics.output("  fel utan flagga: \(example)") }
            }
        }
    }

    static func row(_ kind: String, _ t: TruthComparison.Tally) -> String {
        String(
            format: "  %-20@ %5d  %5.1f %%  %5.1f %%    %5.2f %%           %d av %d",
            kind.padding(toLength: 20, withPad: " ", startingAt: 0), t.fields, 100 * t.accuracy,
            100 * t.flaggedShare, 100 * t.wrongUnflaggedShare, t.deliberateErrorsFlagged, t.deliberateErrors)
    }

    static func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }

    /// Plain Tesseract (found on PATH) on a whole page, as the issue's
    /// comparison runs it: one line saying how our time per page compares,
    /// or why there is no comparison.
    static func tesseractComparison(page: String, ourMedian: Double) async -> String {
        guard executable(named: "tesseract") != nil else {
            return "tesseract-kommandot finns inte i PATH (Debianpaketet tesseract-ocr): ingen jämförelse med det."
        }
        let start = DispatchTime.now().uptimeNanoseconds
        let output: ProgramOutput
        // The text goes to stdout ("-" as output base), so nothing is written outside the workspace.
        do {
            output = try await ProgramRunner.run("tesseract", [page, "-", "-l", "swe"], timeout: .seconds(600))
        } catch {
            return "\(error): ingen jämförelse med tesseract."
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        guard output.succeeded else {
            let status = output.status.map(String.init) ?? "avbruten av en signal"
            return "tesseract kunde inte läsa \(page) (slutstatus \(status)): ingen jämförelse med det."
        }
        return String(
            format: "tesseract %@ -l swe: %.2f s; vår tid per sida är %.0f %% av den", page,
            seconds, seconds > 0 ? 100 * ourMedian / seconds : 0)
    }
}
