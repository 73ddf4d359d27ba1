import ArgumentParser
import Evaluation
import FormKit
import Foundation
import Recognition

/// Measures the recognisers on data they never saw: the reserved MNIST
/// digits as degraded box crops (exported by Training/digits/evaluate.py),
/// personnummer fields composed from them, and synthetic checkboxes.
struct RecognitionBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recognition",
        abstract: "Mät siffror, personnummer och kryssrutor på data som modellen aldrig sett.")

    @Option(help: ArgumentHelp("Testmängd från Training/digits/evaluate.py --export.", valueName: "fil"))
    var heldout: String
    @Option(help: ArgumentHelp("Antal fält av varje sort att sätta ihop.", valueName: "antal")) var fields = 1000
    @Option(help: ArgumentHelp("Antal syntetiska kryssrutor.", valueName: "antal")) var checkboxes = 2000
    @Option(help: ArgumentHelp("En annan siffermodell (.avbnet) än den inbyggda, för att jämföra.", valueName: "fil"))
    var model: String?

    func validate() throws {
        try requireCount(fields, "--fields", in: 1...1_000_000)
        try requireCount(checkboxes, "--checkboxes", in: 1...1_000_000)
    }

    func run() throws {
        try reportingErrors {
            let recognizer = try model.map(digitRecognizer(atPath:)) ?? DigitRecognizer()
            let set = try DigitBenchmarkSet(contentsOf: URL(fileURLWithPath: heldout))
            Diagnostics.output(DigitBenchmark.run(set, recognizer: recognizer).summary)
            Diagnostics.output(
                "Hela fält av reserverade siffror (\(fields) per sort, samma granskningsregler som vid inläsning):")
            for row in try FieldBenchmark.run(set, recognizer: recognizer, fields: fields) {
                Diagnostics.output(row.summary)
            }
            Diagnostics.output(try RunningTotalBenchmark.run(set, recognizer: recognizer, rows: fields).summary)
            Diagnostics.output(CheckboxBenchmark.run(count: checkboxes).summary)
        }
    }
}

/// The digit recogniser of a model file (.avbnet) other than the built-in one.
func digitRecognizer(atPath path: String) throws -> DigitRecognizer {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw BenchmarkFailure(message: "Kan inte läsa modellfilen \(path).")
    }
    return try DigitRecognizer(modelData: data)
}
