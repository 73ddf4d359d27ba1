import ArgumentParser
import Evaluation
import Foundation
import Recognition

/// Whole fields composed of out-of-fold readings of the training pool
/// (Training/digits/crossval.py): each fold's crops read by the network
/// trained without them. Where the review rules for fields are chosen: ten
/// times the new handwriting of the validation split, none of the reserved rows.
struct OutOfFoldBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "out-of-fold",
        abstract: "Mät hela fält på korsvaliderade avläsningar (varje del läst av ett nät som aldrig sett den).")

    @Argument(help: ArgumentHelp("Katalog från Training/digits/crossval.py --out.", valueName: "katalog"))
    var directory: String
    @Option(help: ArgumentHelp("Antal fält av varje sort att sätta ihop.", valueName: "antal")) var fields = 20000

    func validate() throws {
        try requireCount(fields, "--fields", in: 1...1_000_000)
    }

    func run() throws {
        try reportingErrors {
            let folder = URL(fileURLWithPath: directory)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            let models = names.filter { $0.hasPrefix("fold-") && $0.hasSuffix(".avbnet") }.sorted()
            guard !models.isEmpty else {
                throw BenchmarkFailure(message: "Inga delar (fold-N.avbnet med fold-N.avbx) i \(directory).")
            }
            let sources = try models.map { name in
                let crops = folder.appendingPathComponent(String(name.dropLast(".avbnet".count)) + ".avbx")
                return FieldBenchmark.Source(
                    set: try DigitBenchmarkSet(contentsOf: crops),
                    recognizer: try digitRecognizer(atPath: folder.appendingPathComponent(name).path))
            }
            let boxes = sources.reduce(0) { $0 + $1.set.boxes.count }
            Diagnostics.output(
                "Korsvalidering: \(sources.count) delar, \(boxes) rutor, var och en läst av nätet som tränats utan den."
            )
            Diagnostics.output("Hela fält (\(fields) per sort, samma granskningsregler som vid inläsning):")
            for row in try FieldBenchmark.run(sources, fields: fields) { Diagnostics.output(row.summary) }
        }
    }
}
