import Assessment
import FormKit
import Platform
import Raster

extension CheckboxReading {
    /// What the assessment needs of the reading.
    public var evidence: MarkEvidence {
        let state: MarkEvidence.State =
            switch self.state {
            case .marked: .marked
            case .unmarked: .unmarked
            case .unsure: .unsure
            }
        return MarkEvidence(state: state, confidence: confidence, scribbled: measurement.strokeFraction >= 0.5)
    }
}

extension SignatureReading {
    public var evidence: SignatureEvidence { SignatureEvidence(isPresent: isPresent, confidence: confidence) }
}

extension TextReading {
    /// The reading as evidence; what OCR made of a scan is made safe to show first.
    public var evidence: TextEvidence {
        TextEvidence(text: TerminalText.safe(text, keepingLayout: true), confidence: confidence, isEmpty: isEmpty)
    }
}

/// The recognisers one thread reads fields with, and the assessor that turns
/// their readings into verdicts. Ingest hands it crops cut from a registered
/// page, `read-field` crops from standalone images: both get the same verdict
/// for the same pixels. The digit network is shared between threads;
/// Tesseract is not, so each thread has its own `FieldReaders`.
public final class FieldReaders: @unchecked Sendable {
    public let digits: DigitRecognizer
    public let assessor: FieldAssessor
    let checkboxes = CheckboxReader()
    let signatures = SignatureDetector()
    /// nil when Tesseract could not start (its reason in `textFailure`).
    let text: TextReader?
    let textFailure: String?

    public init(digits: DigitRecognizer, context: DecodingContext, policy: FieldPolicy = .standard) {
        self.digits = digits
        assessor = FieldAssessor(
            policy: policy, decoder: FieldDecoder(context: context),
            modelThreshold: digits.suggestedThreshold)
        do {
            text = try TextReader()
            textFailure = nil
        } catch {
            text = nil
            textFailure = "Textigenkänning (Tesseract) är inte tillgänglig: \(error)"
        }
    }

    /// A comb field from the crops of its boxes, left to right.
    public func digits(_ boxes: [GreyImage], pattern: DigitPattern) -> FieldAssessment {
        assessor.digits(digits.read(boxes), pattern: pattern)
    }

    /// A single comb box on its own.
    public func singleBox(_ box: GreyImage) -> FieldAssessment { assessor.singleBox(digits.read(box)) }

    /// A checkbox group from a crop of each option's square (with a little margin).
    public func choice(_ squares: [GreyImage], options: [ChoiceOption], multiple: Bool) -> FieldAssessment {
        assessor.choice(zip(options, squares).map { ($0, checkboxes.read($1).evidence) }, multiple: multiple)
    }

    /// A signature area (inside its printed outline).
    public func signature(_ area: GreyImage) -> FieldAssessment {
        assessor.signature(signatures.read(area).evidence)
    }

    /// A short text field (inside its printed outline).
    public func text(_ area: GreyImage) -> FieldAssessment {
        guard let reader = text else { return assessor.text(nil, failure: textFailure) }
        do {
            return assessor.text(try reader.read(area).evidence)
        } catch {
            return assessor.text(nil, failure: "Texten kunde inte läsas: \(error)")
        }
    }

    /// A ruled area of handwriting: ink judged like a signature's, the
    /// printed ruling ignored; OCR's reading kept as a draft.
    public func freeText(_ area: GreyImage) -> FieldAssessment {
        guard signatures.read(area).isPresent else { return assessor.freeText(hasInk: false, ocr: nil) }
        return assessor.freeText(hasInk: true, ocr: (try? text?.read(area))?.evidence.text)
    }
}
