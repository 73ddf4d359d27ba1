import ArgumentParser
import Assessment
import FormKit
import Foundation
import Imaging
import Raster
import Recognition

extension Avbrott {
    struct ReadField: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "read-field",
            abstract: "Läs ett enskilt fält ur bildfiler och skriv resultatet som JSON, en rad per bild.",
            discussion: """
                Diagnostik för användare och för utvärderingar utifrån. Med --boxes N är bilden ett \
                utsnitt av ett helt fält med N rutor som det är tryckt (ramen med och lite marginal); \
                rutorna hittas i bilden. Utan --boxes är bilden en enda ruta (digits), en kryssruta \
                (checkbox), ett signaturfält eller ett textfält.
                """)

        enum Kind: String, ExpressibleByArgument, CaseIterable {
            case digits, personnummer, date, time, amount, checkbox, signature, text
        }

        @Option(
            help: ArgumentHelp(
                "Fältets sort: \(Kind.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "sort"))
        var kind: Kind

        @Option(help: ArgumentHelp("Antal rutor i fältet (bilden är hela fältet).", valueName: "antal"))
        var boxes: Int?

        @Option(
            help: ArgumentHelp(
                "Dagen datum och personnummer läses mot: avbrottets slutdag, ÅÅÅÅ-MM-DD.",
                valueName: "datum"))
        var reference: String?

        @Argument(help: ArgumentHelp("Bildfiler (PNG, JPEG, TIFF).", valueName: "bild"))
        var images: [String]

        func validate() throws {
            if images.isEmpty { throw ValidationError("Ange minst en bildfil.") }
            if let boxes, !(1...16).contains(boxes) { throw ValidationError("--boxes måste vara mellan 1 och 16.") }
            if boxes != nil, [.checkbox, .signature, .text].contains(kind) {
                throw ValidationError("--boxes gäller bara sifferfält.")
            }
            if kind == .amount, boxes == nil { throw ValidationError("Ange --boxes för ett beloppsfält.") }
            if let reference, reference.count != 10 || CivilDate(iso: reference) == nil {
                throw ValidationError("--reference måste vara ett datum som ÅÅÅÅ-MM-DD, inte \"\(reference)\".")
            }
            if reference == nil, [.personnummer, .date].contains(kind) {
                throw ValidationError(
                    "Ange --reference ÅÅÅÅ-MM-DD: datum och personnummer läses mot avbrottets slutdag.")
            }
        }

        var pattern: DigitPattern? {
            switch kind {
            case .personnummer: return .personnummer
            case .date: return .date
            case .time: return .time
            case .amount: return .amount
            case .digits: return boxes == nil ? nil : .number
            case .checkbox, .signature, .text: return nil
            }
        }

        func run() throws {
            var failures = 0
            try reportingErrors {
                // Only dates and personnummer depend on the day (validate() asks for it);
                // no other kind reads the context's day.
                let day = reference.flatMap { CivilDate(iso: $0) } ?? CivilDate(dayNumber: 0)
                let readers = FieldReaders(digits: try DigitRecognizer(), context: .outage(reference: day))
                let loader = ScanLoader()
                for path in images {
                    var line: [String: Any] = ["file": path]
                    do {
                        let document = try loader.load(path)
                        guard let image = document.pages.first?.image else { throw ImagingError.noPages(file: path) }
                        let result = try read(image, with: readers)
                        line["value"] = Self.json(result, kind: kind)
                        line["confidence"] = (result.confidence * 1000).rounded() / 1000
                        line["review"] = result.needsReview
                        line["alternatives"] = result.alternatives.compactMap(\.canonicalText)
                        if !result.notes.isEmpty { line["messages"] = result.notes.map(\.text) }
                    } catch {
                        failures += 1
                        Diagnostics.error("\(path): \(error)")
                        line["value"] = NSNull()
                        line["confidence"] = 0
                        line["review"] = true
                        line["alternatives"] = [String]()
                        line["error"] = "\(error)"
                    }
                    let data = try JSONSerialization.data(
                        withJSONObject: line, options: [.sortedKeys, .withoutEscapingSlashes])
                    Diagnostics.output(String(decoding: data, as: UTF8.self))
                }
            }
            if failures > 0 { throw ExitCode.failure }
        }

        /// One field from a standalone image, with the same recognisers and
        /// assessment as ingest.
        func read(_ image: GreyImage, with readers: FieldReaders) throws -> FieldAssessment {
            switch kind {
            case .checkbox:
                return readers.choice(
                    [image], options: [ChoiceOption(value: "x", label: "kryssrutan")], multiple: false)
            case .signature: return readers.signature(image)
            case .text: return readers.text(image)
            case .digits, .personnummer, .date, .time, .amount:
                guard let pattern, let boxes = boxes ?? pattern.allowedBoxCounts.first else {
                    return readers.singleBox(image)
                }
                let rects = try CombSegmenter(boxAspect: LayoutStyle.boxWidth / LayoutStyle.boxHeight)
                    .boxes(in: image, boxCount: boxes)
                return readers.digits(
                    rects.map { image.cropped(x: $0.x, y: $0.y, width: $0.width, height: $0.height) },
                    pattern: pattern)
            }
        }

        /// The value as JSON: a checkbox as true/false (null when unsure), the rest as its text.
        static func json(_ result: FieldAssessment, kind: Kind) -> Any {
            if kind == .checkbox {
                if result.value == .choices(["x"]) { return true }
                return result.hasInk ? NSNull() : false
            }
            return result.value.canonicalText ?? NSNull()
        }
    }
}
