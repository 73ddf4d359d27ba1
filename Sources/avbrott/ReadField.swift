import ArgumentParser
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

        @Option(help: ArgumentHelp("Fältets sort: \(Kind.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "sort"))
        var kind: Kind

        @Option(help: "Antal rutor i fältet (bilden är hela fältet).")
        var boxes: Int?

        @Argument(help: ArgumentHelp("Bildfiler (PNG, JPEG, TIFF).", valueName: "bild"))
        var images: [String]

        func validate() throws {
            if images.isEmpty { throw ValidationError("Ange minst en bildfil.") }
            if let boxes, !(1...16).contains(boxes) { throw ValidationError("--boxes måste vara mellan 1 och 16.") }
            if boxes != nil, [.checkbox, .signature, .text].contains(kind) {
                throw ValidationError("--boxes gäller bara sifferfält.")
            }
            if kind == .amount, boxes == nil { throw ValidationError("Ange --boxes för ett beloppsfält.") }
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
                let reader = try FieldImageReader(pattern: pattern, boxes: boxes ?? pattern.map { $0.allowedBoxCounts[0] })
                let loader = ScanLoader()
                for path in images {
                    var line: [String: Any] = ["file": path]
                    do {
                        let document = try loader.load(path)
                        guard let image = document.pages.first?.image else { throw ImagingError.noPages(file: path) }
                        let result = try reader.read(image, kind: kind)
                        line["value"] = result.value ?? NSNull()
                        line["confidence"] = (result.confidence * 1000).rounded() / 1000
                        line["review"] = result.review
                        line["alternatives"] = result.alternatives
                        if !result.messages.isEmpty { line["messages"] = result.messages }
                    } catch {
                        failures += 1
                        Diagnostics.error("\(path): \(error)")
                        line["value"] = NSNull()
                        line["confidence"] = 0
                        line["review"] = true
                        line["alternatives"] = [String]()
                        line["error"] = "\(error)"
                    }
                    let data = try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys, .withoutEscapingSlashes])
                    print(String(decoding: data, as: UTF8.self))
                }
            }
            if failures > 0 { throw ExitCode.failure }
        }
    }
}

/// Reads one field from a standalone image, with the same recognisers and
/// review policy as ingest.
struct FieldImageReader {
    struct Result {
        var value: String?
        var confidence: Double
        var review: Bool
        var alternatives: [String]
        var messages: [String]
    }

    let pattern: DigitPattern?
    let boxes: Int?
    let digits: DigitRecognizer
    let policy = ReviewPolicy()

    init(pattern: DigitPattern?, boxes: Int?) throws {
        self.pattern = pattern
        self.boxes = boxes
        digits = try DigitRecognizer()
    }

    func read(_ image: GreyImage, kind: Avbrott.ReadField.Kind) throws -> Result {
        switch kind {
        case .checkbox:
            let r = CheckboxReader().read(image)
            let decision = policy.decision(for: r)
            let value: String? = r.state == .marked ? "true" : (r.state == .unmarked ? "false" : nil)
            return Result(value: value, confidence: r.confidence, review: decision.review, alternatives: [],
                          messages: decision.reasons)
        case .signature:
            let r = SignatureDetector().read(image)
            let decision = policy.decision(for: r, required: false)
            return Result(value: r.isPresent ? "true" : "false", confidence: r.confidence, review: decision.review,
                          alternatives: [], messages: decision.reasons)
        case .text:
            let r = try TextReader().read(image)
            let decision = policy.decision(for: r, required: false)
            return Result(value: r.isEmpty ? nil : r.text, confidence: r.confidence, review: decision.review,
                          alternatives: [], messages: decision.reasons)
        case .digits, .personnummer, .date, .time, .amount:
            guard let pattern, let boxes else {
                // A single box.
                let c = digits.read(image)
                if c.blank > 0.5 {
                    // Empty by the ink; a box with some ink that is probably empty is still shown.
                    let doubtful = DigitFieldCheck.doubtfulBlank([c]) != nil
                    return Result(value: nil, confidence: c.blank, review: doubtful, alternatives: [],
                                  messages: doubtful ? ["Rutan ser tom ut men har lite bläck."] : [])
                }
                let top = c.top(3)
                let probability = (1 - c.blank) * (top.first?.probability ?? 0)
                // One box is a one-box number field: the same per-box rule as ingest.
                let review = probability < DigitFieldCheck.minimumBoxProbability(
                    .number, modelThreshold: digits.suggestedThreshold)
                return Result(value: top.first.map { String($0.digit) }, confidence: probability,
                              review: review, alternatives: top.dropFirst().map { String($0.digit) }, messages: [])
            }
            let rects = try CombSegmenter(boxAspect: LayoutStyle.boxWidth / LayoutStyle.boxHeight)
                .boxes(in: image, boxCount: boxes)
            let candidates = digits.read(rects.map { image.cropped(x: $0.x, y: $0.y, width: $0.width, height: $0.height) })
            let reading = FieldDecoder.outageForms(reference: Date()).decode(candidates, pattern: pattern)
            let decision = DigitFieldCheck.review(reading, candidates: candidates, pattern: pattern, policy: policy,
                                                  modelThreshold: digits.suggestedThreshold).decision
            var messages = decision.reasons
            if let reason = reading.reason, !messages.contains(reason) { messages.insert(reason, at: 0) }
            return Result(value: reading.isEmpty ? nil : reading.value,
                          confidence: reading.isEmpty ? candidates.map(\.blank).min() ?? 1 : reading.probability,
                          review: decision.review,
                          alternatives: reading.alternatives.dropFirst().prefix(4).map(\.value), messages: messages)
        }
    }
}
