import Drafts
import FormKit
import Foundation
import Imaging
import Raster
import Recognition

/// The recognisers one worker thread uses. The digit network is shared (it
/// is thread-safe); Tesseract is not, so each worker has its own text reader.
final class Readers: @unchecked Sendable {
    let digits: DigitRecognizer
    let decoder: FieldDecoder
    let policy: ReviewPolicy
    let checkbox = CheckboxReader()
    let signature = SignatureDetector()
    let text: TextReader?

    init(digits: DigitRecognizer, decoder: FieldDecoder, policy: ReviewPolicy) {
        self.digits = digits
        self.decoder = decoder
        self.policy = policy
        self.text = try? TextReader()
    }
}

/// One field as read from the page, before it is stored.
struct ReadField {
    var layout: FieldLayout
    var value: String?
    var confidence: Double
    var review: Bool
    var alternatives: [String]
    var messages: [String]
    /// Whether anything at all is written in the field.
    var hasInk: Bool
    var crop: GreyImage
    /// Ink in the writing areas only (box interiors, inside the outlines),
    /// for telling handwriting apart; see `InkSignature`.
    var ink: [UInt8]
    /// The review reasons a sum on the form that confirms this amount takes
    /// back (what `DigitFieldCheck.check` returned); nil for everything else.
    var releasableBySum: [String]? = nil
}

extension ReadField {
    /// Sends the field to review with `message` (once).
    mutating func flag(_ message: String) {
        if !messages.contains(message) { messages.append(message) }
        review = true
    }

    /// Takes back the review that a confirming sum may release (`releasableBySum`).
    mutating func releaseBySum() {
        guard let releasable = releasableBySum else { return }
        AmountConfirmation.release(review: &review, messages: &messages, releasable: releasable)
    }
}

/// Reads every kind of field from a registered page.
struct FieldReader {
    let page: GreyImage
    let transform: PageTransform
    let readers: Readers
    /// Resolution of the crops handed to the recognisers.
    var pixelsPerMM: Double { min(max(transform.pixelsPerMM, 6), 16) }

    func crop(_ rect: Rect, offset: LocalOffset? = nil) -> GreyImage {
        let r = PlaneRect(x: rect.x + (offset?.dx ?? 0), y: rect.y + (offset?.dy ?? 0), width: rect.width, height: rect.height)
        return Imaging.crop(page, rect: r, transform: transform, pixelsPerMM: pixelsPerMM)
    }

    func read(_ field: FieldLayout) -> ReadField {
        switch field.kind {
        case .digits: return readDigits(field)
        case .choice: return readChoice(field)
        case .signature: return readSignature(field)
        case .text: return readText(field)
        }
    }

    /// The printed outline found near `rect`, to correct small misalignments.
    func offset(_ rect: Rect, dividers: [Double] = []) -> LocalOffset? {
        let found = transform.localOffset(in: page, box: PlaneRect(x: rect.x, y: rect.y, width: rect.width, height: rect.height),
                                          searchMM: 1, dividersMM: dividers)
        guard let found, abs(found.dx) <= 1, abs(found.dy) <= 1 else { return nil }
        return found
    }

    func readDigits(_ field: FieldLayout) -> ReadField {
        let pattern = field.pattern ?? .number
        let groups = groupsOfAdjacentBoxes(field.boxes)
        var candidates: [BoxCandidates] = []
        var ink: [UInt8] = []
        for group in groups {
            guard let span = Rect.union(group) else { continue }
            let shift = offset(span, dividers: group.dropFirst().map(\.minX))
            for box in group {
                let image = crop(box.inset(by: 0.45), offset: shift)
                candidates.append(readers.digits.read(image))
                ink += InkSignature.grid(image, columns: 1, rows: 2)
            }
        }
        let reading = readers.decoder.decode(candidates, pattern: pattern)
        let review = DigitFieldCheck.review(reading, candidates: candidates, pattern: pattern, policy: readers.policy,
                                            modelThreshold: readers.digits.suggestedThreshold)
        let alternatives = reading.alternatives.dropFirst().prefix(4).compactMap(\.value)
        var messages = review.decision.reasons
        if let reason = reading.reason, !messages.contains(reason) { messages.insert(reason, at: 0) }
        return ReadField(layout: field, value: reading.isEmpty ? nil : reading.value,
                         confidence: reading.isEmpty ? candidates.map(\.blank).min() ?? 1 : reading.probability,
                         review: review.decision.review, alternatives: Array(alternatives), messages: messages,
                         hasInk: !reading.isEmpty || DigitFieldCheck.doubtfulBlank(candidates) != nil,
                         crop: crop(field.rect), ink: ink, releasableBySum: review.releasableBySum)
    }

    /// Boxes split where a gap (a separator or group gap) lies between them.
    func groupsOfAdjacentBoxes(_ boxes: [Rect]) -> [[Rect]] {
        var groups: [[Rect]] = []
        for box in boxes {
            if let last = groups.last?.last, abs(box.minX - last.maxX) < 0.05 {
                groups[groups.count - 1].append(box)
            } else {
                groups.append([box])
            }
        }
        return groups
    }

    func readChoice(_ field: FieldLayout) -> ReadField {
        var marked: [String] = []
        var unsure: [String] = []
        var confidence = 1.0
        var ink = false
        var levels: [UInt8] = []
        // One alignment correction for the whole grid, from its first box.
        let shift = field.options.first.flatMap { offset($0.rect) }
        for option in field.options {
            levels += InkSignature.grid(crop(option.rect.inset(by: 0.7), offset: shift), columns: 1, rows: 1)
            // A 0.6 mm margin: enough for the reader to find the printed square,
            // not so much that a table line nearby is taken for it.
            let reading = readers.checkbox.read(crop(option.rect.inset(by: -0.6), offset: shift))
            confidence = min(confidence, reading.confidence)
            switch reading.state {
            case .marked: marked.append(option.value); ink = true
            case .unsure: unsure.append(option.label); ink = true
            case .unmarked: break
            }
        }
        var messages: [String] = []
        if !unsure.isEmpty { messages.append("Osäker markering: \(unsure.joined(separator: ", "))") }
        if !field.multiple && marked.count > 1 { messages.append("Flera alternativ är ikryssade") }
        let value = marked.isEmpty ? nil : JSONText.encode(marked)
        return ReadField(layout: field, value: value, confidence: confidence,
                         review: !messages.isEmpty || confidence < readers.policy.minimumCheckboxConfidence,
                         alternatives: [], messages: messages, hasInk: ink, crop: crop(field.rect), ink: levels)
    }

    func readSignature(_ field: FieldLayout) -> ReadField {
        let image = crop(field.rect)
        let inner = crop(field.rect.inset(by: 0.8))
        let reading = readers.signature.read(inner)
        let decision = readers.policy.decision(for: reading, required: false)
        return ReadField(layout: field, value: reading.isPresent ? "true" : "false", confidence: reading.confidence,
                         review: decision.review, alternatives: [], messages: decision.reasons,
                         hasInk: reading.isPresent, crop: image, ink: InkSignature.grid(inner, columns: 4, rows: 2))
    }

    func readText(_ field: FieldLayout) -> ReadField {
        let image = crop(field.rect)
        let inner = crop(field.rect.inset(by: 0.6))
        let ink = InkSignature.grid(inner, columns: 4, rows: 2)
        if field.rect.height > 14 { return readFreeText(field, image: image, inner: inner, ink: ink) }
        guard let reader = readers.text else {
            return ReadField(layout: field, value: nil, confidence: 0, review: true, alternatives: [],
                             messages: ["Textigenkänning (Tesseract) är inte tillgänglig"], hasInk: true, crop: image,
                             ink: ink)
        }
        do {
            let reading = try reader.read(inner)
            let decision = readers.policy.decision(for: reading, required: false)
            return ReadField(layout: field, value: reading.isEmpty ? nil : reading.text, confidence: reading.confidence,
                             review: decision.review, alternatives: [], messages: decision.reasons,
                             hasInk: !reading.isEmpty, crop: image, ink: ink)
        } catch {
            return ReadField(layout: field, value: nil, confidence: 0, review: true, alternatives: [],
                             messages: ["Texten kunde inte läsas: \(error)"], hasInk: true, crop: image, ink: ink)
        }
    }
}

extension FieldReader {
    /// A ruled area of handwritten free text (a journal note, a motivation).
    /// Tesseract's reading is kept as a draft, but a person always transcribes
    /// it from the image: handwriting is not read reliably enough to pass.
    func readFreeText(_ field: FieldLayout, image: GreyImage, inner: GreyImage, ink: [UInt8]) -> ReadField {
        // Ink is judged like a signature's: strokes, with the printed ruling
        // ignored. Light pens on ruled lines can still hide from it, so an
        // area that looks empty is also shown to a person.
        guard readers.signature.read(inner).isPresent else {
            return ReadField(layout: field, value: nil, confidence: 0.5, review: true, alternatives: [],
                             messages: ["Fritextytan ser tom ut: kontrollera mot bilden"], hasInk: false,
                             crop: image, ink: ink)
        }
        let text = (try? readers.text?.read(inner))?.text
        return ReadField(layout: field, value: text.flatMap { $0.isEmpty ? nil : $0 }, confidence: 0.2, review: true,
                         alternatives: [], messages: ["Handskriven fritext: skriv av texten från bilden"],
                         hasInk: true, crop: image, ink: ink)
    }
}
