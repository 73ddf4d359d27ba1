import FormKit
import Foundation

/// The one place that decides, for every kind of field, its value, its
/// confidence, its notes and whether a person must look, from what a
/// recogniser read. Ingest, `read-field` and the benchmarks all call it;
/// nothing else decides.
public struct FieldAssessor: Sendable {
    public var policy: FieldPolicy
    public var decoder: FieldDecoder
    /// The digit model's own per-digit threshold (chosen on its validation digits).
    public var modelThreshold: Double

    public init(policy: FieldPolicy = .standard, decoder: FieldDecoder, modelThreshold: Double) {
        self.policy = policy
        self.decoder = decoder
        self.modelThreshold = modelThreshold
    }

    /// The note given when an amount is reviewed for being an amount and for nothing else.
    public static let amountNote = FieldNote(.uncertain, "Belopp kontrolleras mot bilden; ingen summa bekräftar det.")

    // MARK: Digits

    /// A digits field with its decoding, for measurements that need more than the verdict.
    public struct DigitsVerdict: Sendable {
        public var assessment: FieldAssessment
        public var reading: FieldReading
        /// Whether the reading's probabilities alone (before the per-box rule) let it through.
        public var passedReading: Bool
    }

    /// A comb-box field of `pattern` from its boxes' candidates.
    public func digits(_ boxes: [BoxCandidates], pattern: DigitPattern) -> FieldAssessment {
        digitsVerdict(boxes, pattern: pattern).assessment
    }

    public func digitsVerdict(_ boxes: [BoxCandidates], pattern: DigitPattern) -> DigitsVerdict {
        let reading = decoder.decode(boxes, pattern: pattern)
        var notes = readingNotes(reading, boxes: boxes.count)
        let passedReading = notes.isEmpty
        var added: [FieldNote] = []
        let minimum = policy.boxMinimum(pattern, modelThreshold: modelThreshold)
        if let weakest = Self.weakestBox(reading, boxes), weakest.probability < minimum {
            added.append(
                FieldNote(.uncertain, "Osäker siffra i ruta \(weakest.box + 1) (\(Int(weakest.probability * 100)) %)."))
        }
        let faint = reading.isEmpty ? doubtfulBlank(boxes) : nil
        if let faint {
            added.append(
                FieldNote(
                    .uncertain,
                    "Fältet ser tomt ut, men ruta \(faint + 1) har bläck som kan vara en siffra "
                        + "(tom med \(Int(boxes[faint].blank * 100)) %)."))
        }
        let always = policy.alwaysReviewed(pattern) && !reading.isEmpty
        if always, passedReading, added.isEmpty { added.append(Self.amountNote) }
        notes += added
        let value = reading.best.flatMap { try? FieldValue(canonicalText: $0.value, kind: .digits, pattern: pattern) }
        let assessment = FieldAssessment(
            value: value ?? .empty,
            confidence: reading.isEmpty ? boxes.map(\.blank).min() ?? 1 : reading.probability,
            needsReview: !notes.isEmpty, notes: notes,
            alternatives: reading.alternatives.dropFirst().prefix(4).compactMap {
                try? FieldValue(canonicalText: $0.value, kind: .digits, pattern: pattern)
            },
            boxReadings: reading.alternatives.prefix(5).map(\.boxes),
            hasInk: !reading.isEmpty || faint != nil,
            releasableBySum: always && passedReading ? added : nil)
        return DigitsVerdict(assessment: assessment, reading: reading, passedReading: passedReading)
    }

    /// What the decoder's probabilities say: no valid reading, an unsure best
    /// reading, or boxes that are hard to read all together.
    func readingNotes(_ reading: FieldReading, boxes: Int) -> [FieldNote] {
        if reading.isEmpty { return [] }
        guard let best = reading.best else { return [FieldNote(.invalid, reading.reason ?? "Ingen giltig läsning.")] }
        var notes: [FieldNote] = []
        if best.probability < policy.minimumDigitProbability {
            var text = "Osäker läsning: \(best.value) (\(Self.percent(best.probability)))"
            if let second = reading.runnerUp {
                text += ", alternativt \(second.value) (\(Self.percent(second.probability)))"
            }
            notes.append(FieldNote(.uncertain, text + "."))
        }
        let perBox = boxes > 0 ? pow(best.jointProbability, 1 / Double(boxes)) : 0
        if perBox < policy.minimumDigitBoxProbability {
            notes.append(FieldNote(.uncertain, "Siffrorna är svårlästa (\(Self.percent(perBox)) per ruta)."))
        }
        return notes
    }

    /// For a field read as empty: the box least surely blank, when it is blank
    /// with less than the policy's minimum (ink that may be a digit).
    public func doubtfulBlank(_ boxes: [BoxCandidates]) -> Int? {
        guard let faintest = boxes.indices.min(by: { boxes[$0].blank < boxes[$1].blank }),
            boxes[faintest].blank < policy.minimumBlankOfEmptyField
        else { return nil }
        return faintest
    }

    /// The box whose chosen digit (or blank) the recogniser was least sure of.
    public static func weakestBox(_ reading: FieldReading, _ boxes: [BoxCandidates]) -> (box: Int, probability: Double)?
    {
        guard let best = reading.best, best.boxes.count == boxes.count else { return nil }
        var weakest: (box: Int, probability: Double)?
        for (i, (character, c)) in zip(best.boxes, boxes).enumerated() {
            let p = character.wholeNumberValue.map { (1 - c.blank) * c.probabilities[$0] } ?? c.blank
            if p < (weakest?.probability ?? .infinity) { weakest = (i, p) }
        }
        return weakest
    }

    /// A single box read on its own (`read-field` without `--boxes`): a one-box number.
    public func singleBox(_ box: BoxCandidates) -> FieldAssessment {
        if box.blank > 0.5 {
            let doubtful = doubtfulBlank([box]) != nil
            return FieldAssessment(
                value: .empty, confidence: box.blank, needsReview: doubtful,
                notes: doubtful ? [FieldNote(.uncertain, "Rutan ser tom ut men har lite bläck.")] : [],
                hasInk: doubtful)
        }
        let top = box.top(3)
        let probability = (1 - box.blank) * (top.first?.probability ?? 0)
        let minimum = policy.boxMinimum(.number, modelThreshold: modelThreshold)
        let notes =
            probability < minimum
            ? [FieldNote(.uncertain, "Osäker siffra (\(Int(probability * 100)) %).")] : []
        return FieldAssessment(
            value: top.first.map { .number(String($0.digit)) } ?? .empty, confidence: probability,
            needsReview: !notes.isEmpty, notes: notes,
            alternatives: top.dropFirst().map { .number(String($0.digit)) }, hasInk: true)
    }

    // MARK: Marks

    /// A checkbox group: which options are marked, and whether a person must look.
    public func choice(_ marks: [(option: ChoiceOption, mark: MarkEvidence)], multiple: Bool) -> FieldAssessment {
        var chosen: [String] = [], unsure: [String] = [], scribbled = false
        var confidence = 1.0
        for (option, mark) in marks {
            confidence = min(confidence, mark.confidence)
            switch mark.state {
            case .marked: chosen.append(option.value)
            case .unsure:
                unsure.append(option.label)
                scribbled = scribbled || mark.scribbled
            case .unmarked: break
            }
        }
        var notes: [FieldNote] = []
        if !unsure.isEmpty {
            notes.append(
                FieldNote(
                    .uncertain,
                    "Osäker markering: \(unsure.joined(separator: ", "))"
                        + (scribbled ? " (överstruken eller ifylld – kontrollera om den ska räknas)" : "")))
        } else if confidence < policy.minimumCheckboxConfidence {
            notes.append(FieldNote(.uncertain, "Osäkert om kryssrutan är ikryssad (\(Self.percent(confidence)))."))
        }
        if !multiple && chosen.count > 1 { notes.append(FieldNote(.invalid, "Flera alternativ är ikryssade")) }
        return FieldAssessment(
            value: chosen.isEmpty ? .empty : .choices(chosen), confidence: confidence,
            needsReview: !notes.isEmpty, notes: notes, hasInk: !chosen.isEmpty || !unsure.isEmpty)
    }

    public func signature(_ evidence: SignatureEvidence) -> FieldAssessment {
        let notes =
            evidence.confidence < policy.minimumSignatureConfidence
            ? [FieldNote(.uncertain, "Osäkert om det finns en underskrift.")] : []
        return FieldAssessment(
            value: .signature(evidence.isPresent), confidence: evidence.confidence,
            needsReview: !notes.isEmpty, notes: notes, hasInk: evidence.isPresent)
    }

    // MARK: Text

    /// A short text field read by OCR; `failure` when it could not be read at all.
    public func text(_ reading: TextEvidence?, failure: String? = nil) -> FieldAssessment {
        guard let reading else {
            return FieldAssessment(
                value: .empty, confidence: 0, needsReview: true,
                notes: [FieldNote(.uncertain, failure ?? "Texten kunde inte läsas.")], hasInk: true)
        }
        if reading.isEmpty {
            return FieldAssessment(value: .empty, confidence: reading.confidence, needsReview: false, hasInk: false)
        }
        let notes =
            reading.confidence < policy.minimumTextConfidence
            ? [FieldNote(.uncertain, "Texten kunde inte läsas säkert – skriv av den från bilden.")] : []
        return FieldAssessment(
            value: reading.text.isEmpty ? .empty : .text(reading.text), confidence: reading.confidence,
            needsReview: !notes.isEmpty, notes: notes, hasInk: true)
    }

    /// A ruled area of handwritten free text (a journal note, a motivation).
    /// OCR's reading is kept as a draft, but a person always transcribes it
    /// from the image; an area that looks empty is shown too (light pens on
    /// ruled lines can hide from the ink measure).
    public func freeText(hasInk: Bool, ocr: String?) -> FieldAssessment {
        guard hasInk else {
            return FieldAssessment(
                value: .empty, confidence: policy.emptyFreeTextConfidence, needsReview: true,
                notes: [FieldNote(.uncertain, "Fritextytan ser tom ut: kontrollera mot bilden")],
                hasInk: false)
        }
        return FieldAssessment(
            value: ocr.flatMap { $0.isEmpty ? nil : .text($0) } ?? .empty,
            confidence: policy.writtenFreeTextConfidence, needsReview: true,
            notes: [FieldNote(.uncertain, "Handskriven fritext: skriv av texten från bilden")],
            hasInk: true)
    }

    static func percent(_ value: Double) -> String { "\(Int((value * 100).rounded())) %" }
}

/// What a checkbox reader saw in one printed square.
public struct MarkEvidence: Sendable, Equatable {
    public enum State: Sendable { case marked, unmarked, unsure }
    public var state: State
    public var confidence: Double
    /// Most of the square is covered: a mark scribbled over, or filled in.
    public var scribbled: Bool
    public init(state: State, confidence: Double, scribbled: Bool) {
        self.state = state
        self.confidence = confidence
        self.scribbled = scribbled
    }
}

/// What a signature detector saw in a signature area.
public struct SignatureEvidence: Sendable, Equatable {
    public var isPresent: Bool
    public var confidence: Double
    public init(isPresent: Bool, confidence: Double) {
        self.isPresent = isPresent
        self.confidence = confidence
    }
}

/// What OCR read in a text field.
public struct TextEvidence: Sendable, Equatable {
    public var text: String
    public var confidence: Double
    /// No writing found in the field (from the ink, without OCR).
    public var isEmpty: Bool
    public init(text: String, confidence: Double, isEmpty: Bool) {
        self.text = text
        self.confidence = confidence
        self.isEmpty = isEmpty
    }
}
