import ArgumentParser
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
    @Option(help: "Antal fält av varje sort att sätta ihop.") var fields = 1000
    @Option(help: "Antal syntetiska kryssrutor.") var checkboxes = 2000
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
            print(DigitBenchmark.run(set, recognizer: recognizer).summary)
            print("Hela fält av reserverade siffror (\(fields) per sort, samma granskningsregler som vid inläsning):")
            for row in try FieldBenchmark.run(set, recognizer: recognizer, fields: fields) { print(row.summary) }
            print(try RunningTotalBenchmark.run(set, recognizer: recognizer, rows: fields).summary)
            checkboxBenchmark()
        }
    }

    func checkboxBenchmark() {
        var generator = SyntheticCheckboxes(seed: 7)
        let reader = CheckboxReader()
        let policy = ReviewPolicy()
        var right = 0, flagged = 0, wrongUnflagged = 0
        var perMark: [String: (right: Int, total: Int)] = [:]
        for i in 0..<checkboxes {
            let marks = SyntheticCheckboxes.Mark.allCases
            let mark = i % 2 == 0 ? .empty : marks[1 + (i / 2) % (marks.count - 1)]
            let sample = generator.sample(mark, dpi: i % 3 == 0 ? 200 : 300)
            let reading = reader.read(sample.image)
            let review = policy.decision(for: reading).review
            let correct = reading.state == sample.expected
            if correct { right += 1 }
            if review { flagged += 1 } else if !correct { wrongUnflagged += 1 }
            let name = "\(mark)"
            perMark[name] = ((perMark[name]?.right ?? 0) + (correct ? 1 : 0), (perMark[name]?.total ?? 0) + 1)
        }
        print("Kryssrutor (syntetiska, 200/300 dpi, ±0,5 mm förskjutning, \(checkboxes) st):")
        print(String(format: "  rätt: %.2f %%; till granskning: %.2f %%; fel utan flagga: %.2f %%",
                     100 * Double(right) / Double(checkboxes), 100 * Double(flagged) / Double(checkboxes),
                     100 * Double(wrongUnflagged) / Double(checkboxes)))
        let names = ["empty": "tom", "tick": "bock", "cross": "kryss", "fill": "ifylld", "lightTick": "bock, ljus penna",
                     "scribble": "överkluddad (ska bli osäker)"]
        print("  per sort: " + perMark.sorted { $0.key < $1.key }.map { key, value in
            String(format: "%@ %.1f %%", names[key] ?? key, 100 * Double(value.right) / Double(max(1, value.total)))
        }.joined(separator: ", "))
    }
}

/// The digit recogniser of a model file (.avbnet) other than the built-in one.
func digitRecognizer(atPath path: String) throws -> DigitRecognizer {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw BenchmarkFailure(message: "Kan inte läsa modellfilen \(path).")
    }
    return try DigitRecognizer(modelData: data)
}
