import ArgumentParser
import FormKit
import Foundation
import Ingest
import Raster
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
    @Option(help: "Antal personnummer att sätta ihop.") var fields = 1000
    @Option(help: "Antal syntetiska kryssrutor.") var checkboxes = 2000

    func run() throws {
        try reportingErrors {
            let recognizer = try DigitRecognizer()
            let report = try DigitBenchmark.run(exportFile: URL(fileURLWithPath: heldout), recognizer: recognizer)
            print(report.summary)
            let set = try DigitBenchmarkSet(contentsOf: URL(fileURLWithPath: heldout))
            try personnummer(set, recognizer)
            checkboxBenchmark()
        }
    }

    /// Ten boxes per field, each a reserved crop of the right digit at one dpi.
    func personnummer(_ set: DigitBenchmarkSet, _ recognizer: DigitRecognizer) throws {
        var byDigit: [Int: [Int: [DigitBenchmarkSet.Box]]] = [:]
        for box in set.boxes { if let label = box.label { byDigit[box.dpi, default: [:]][label, default: []].append(box) } }
        var generator = SeededGenerator(seed: 20261127)
        let decoder = FieldDecoder(reference: Date())
        let policy = ReviewPolicy()
        var exact = 0, flagged = 0, wrongUnflagged = 0
        for _ in 0..<fields {
            let number = generator.personnummer()
            let dpi = Bool.random(using: &generator) ? 200 : 300
            guard let pool = byDigit[dpi] ?? byDigit.values.first else { continue }
            let boxes = number.digits.map { d -> BoxCandidates in
                let crops = pool[d] ?? []
                return recognizer.read(crops[Int.random(in: 0..<max(1, crops.count), using: &generator)].image)
            }
            let reading = decoder.decode(boxes, pattern: .personnummer)
            var review = policy.decision(for: reading, boxes: 10).review
            if let weakest = DigitFieldCheck.weakestBox(reading, boxes),
               weakest.probability < DigitFieldCheck.minimumBoxProbability(.personnummer) { review = true }
            let right = reading.value == number.normalised
            if right { exact += 1 }
            if review { flagged += 1 } else if !right { wrongUnflagged += 1 }
        }
        print("Personnummer (10 rutor, reserverade siffror, \(fields) fält):")
        print(String(format: "  exakt rätt efter kontrollsiffra och datum: %.1f %%", 100 * Double(exact) / Double(fields)))
        print(String(format: "  till granskning: %.1f %%; fel utan flagga: %.2f %%", 100 * Double(flagged) / Double(fields),
                     100 * Double(wrongUnflagged) / Double(fields)))
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

/// Invented people for benchmark fields.
extension SeededGenerator {
    /// A Luhn-valid ten-digit personnummer of an invented person born 1940–2020.
    mutating func personnummer() -> (digits: [Int], normalised: String) {
        let year = Int.random(in: 1940...2020, using: &self)
        let month = Int.random(in: 1...12, using: &self), day = Int.random(in: 1...28, using: &self)
        let serial = Int.random(in: 0...999, using: &self)
        func two(_ v: Int) -> [Int] { [v / 10 % 10, v % 10] }
        var digits = two(year % 100) + two(month) + two(day) + [serial / 100, serial / 10 % 10, serial % 10]
        digits.append(Luhn.checkDigit(forFirstNine: digits))
        let text = digits.map(String.init).joined()
        return (digits, "\(year / 100)" + text.prefix(6) + "-" + text.suffix(4))
    }
}
