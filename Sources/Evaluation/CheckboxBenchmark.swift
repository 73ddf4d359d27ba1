import Assessment
import FormKit
import Recognition

/// Synthetic checkboxes read by the checkbox reader and judged by the same
/// assessment as ingest: how many are read right, sent to a person, or wrong
/// without a flag, per kind of mark.
public enum CheckboxBenchmark {
    public struct Figures: Sendable {
        public var count = 0
        public var right = 0
        public var flagged = 0
        public var wrongUnflagged = 0
        public var perMark: [SyntheticCheckboxes.Mark: (right: Int, total: Int)] = [:]

        public var summary: String {
            func percent(_ n: Int, _ of: Int) -> String {
                String(format: "%.2f %%", 100 * Double(n) / Double(max(1, of)))
            }
            let names: [SyntheticCheckboxes.Mark: String] = [
                .empty: "tom", .tick: "bock", .cross: "kryss", .fill: "ifylld", .lightTick: "bock, ljus penna",
                .scribble: "överkluddad (ska bli osäker)",
            ]
            let marks = perMark.sorted { "\($0.key)" < "\($1.key)" }.map { mark, value in
                "\(names[mark] ?? "\(mark)") \(percent(value.right, value.total))"
            }
            return "Kryssrutor (syntetiska, 200/300 dpi, ±0,5 mm förskjutning, \(count) st):\n"
                + "  rätt: \(percent(right, count)); till granskning: \(percent(flagged, count)); "
                + "fel utan flagga: \(percent(wrongUnflagged, count))\n"
                + "  per sort: " + marks.joined(separator: ", ")
        }
    }

    public static func run(count: Int, seed: UInt64 = 7) -> Figures {
        var generator = SyntheticCheckboxes(seed: seed)
        let reader = CheckboxReader()
        let assessor = FieldAssessor(
            decoder: .outageForms(reference: FieldBenchmark.defaultReference), modelThreshold: 1)
        let option = ChoiceOption(value: "x", label: "kryssrutan")
        var figures = Figures(count: count)
        for i in 0..<count {
            let marks = SyntheticCheckboxes.Mark.allCases
            let mark = i % 2 == 0 ? .empty : marks[1 + (i / 2) % (marks.count - 1)]
            let sample = generator.sample(mark, dpi: i % 3 == 0 ? 200 : 300)
            let reading = reader.read(sample.image)
            let review = assessor.choice([(option, reading.evidence)], multiple: false).needsReview
            let correct = reading.state == sample.expected
            if correct { figures.right += 1 }
            if review { figures.flagged += 1 } else if !correct { figures.wrongUnflagged += 1 }
            let seen = figures.perMark[mark] ?? (0, 0)
            figures.perMark[mark] = (seen.right + (correct ? 1 : 0), seen.total + 1)
        }
        return figures
    }
}
