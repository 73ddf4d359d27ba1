import Foundation

/// Whether a field's reading goes to a person for review, and why (Swedish).
public struct ReviewDecision: Sendable, Equatable {
    public var review: Bool
    public var reasons: [String]

    public static let accept = ReviewDecision(review: false, reasons: [])

    public static func review(_ reasons: String...) -> ReviewDecision {
        ReviewDecision(review: true, reasons: reasons)
    }
}

/// The thresholds that send a field to review. A plain value: the defaults
/// below are documented with what they were chosen from, and can be replaced
/// (e.g. when the digit classifier is recalibrated on real scans).
public struct ReviewPolicy: Sendable, Equatable {
    /// A digits field's best reading must have at least this probability among
    /// the valid readings. 0.95 from the simulation in `ReviewPolicyTests`
    /// (400 ten-digit personnummer, the classifier misreading 5 % or 10 % of
    /// boxes): wrong accepted readings 0 % and 0.5 %, with 64 % and 48 % of
    /// fields accepted; 0.9 let 0.4 % and 1.8 % wrong readings through. A wrong
    /// personnummer files a note on the wrong person, so safety comes first.
    /// Recalibrate when the digit classifier's real probabilities are known.
    public var minimumDigitProbability: Double
    /// The best reading's joint probability, per box (geometric mean), must
    /// reach this: a lone valid reading is no proof when every box is unsure.
    public var minimumDigitBoxProbability: Double
    /// Checkbox readings below this confidence are reviewed; 0.75 is met by
    /// every synthetic tick, cross, fill, light pen and empty box measured.
    public var minimumCheckboxConfidence: Double
    /// Signature readings below this are reviewed; a stray pen dash gives
    /// about 0.65 (absent), real signatures and empty areas 0.85–1.
    public var minimumSignatureConfidence: Double
    /// Text readings below this are reviewed; printed text reads at 0.94–0.96,
    /// script fonts (standing in for handwriting) at 0.82–0.96 when right and
    /// 0.53–0.69 in the two wrong cases measured, scribble and symbols ≤ 0.3.
    public var minimumTextConfidence: Double

    public init(minimumDigitProbability: Double = 0.95, minimumDigitBoxProbability: Double = 0.5,
                minimumCheckboxConfidence: Double = 0.75, minimumSignatureConfidence: Double = 0.75,
                minimumTextConfidence: Double = 0.8) {
        self.minimumDigitProbability = minimumDigitProbability
        self.minimumDigitBoxProbability = minimumDigitBoxProbability
        self.minimumCheckboxConfidence = minimumCheckboxConfidence
        self.minimumSignatureConfidence = minimumSignatureConfidence
        self.minimumTextConfidence = minimumTextConfidence
    }

    public static let standard = ReviewPolicy()

    public func decision(for reading: FieldReading, boxes: Int, required: Bool = false) -> ReviewDecision {
        if reading.isEmpty {
            return required ? .review("Fältet är obligatoriskt men tomt.") : .accept
        }
        guard let best = reading.best else {
            return .review(reading.reason ?? "Ingen giltig läsning.")
        }
        var reasons: [String] = []
        if best.probability < minimumDigitProbability {
            var reason = "Osäker läsning: \(best.value) (\(percent(best.probability)))"
            if let second = reading.runnerUp { reason += ", alternativt \(second.value) (\(percent(second.probability)))" }
            reasons.append(reason + ".")
        }
        let perBox = boxes > 0 ? pow(best.jointProbability, 1 / Double(boxes)) : 0
        if perBox < minimumDigitBoxProbability {
            reasons.append("Siffrorna är svårlästa (\(percent(perBox)) per ruta).")
        }
        return ReviewDecision(review: !reasons.isEmpty, reasons: reasons)
    }

    public func decision(for reading: CheckboxReading) -> ReviewDecision {
        if reading.state == .unsure {
            return .review(reading.measurement.strokeFraction >= 0.5
                           ? "Kryssrutan är överstruken eller ifylld – kontrollera om den ska räknas."
                           : "Kryssrutan är otydlig.")
        }
        if reading.confidence < minimumCheckboxConfidence {
            return .review("Osäkert om kryssrutan är ikryssad (\(percent(reading.confidence))).")
        }
        return .accept
    }

    public func decision(for reading: SignatureReading, required: Bool = true) -> ReviewDecision {
        if reading.confidence < minimumSignatureConfidence {
            return .review("Osäkert om det finns en underskrift.")
        }
        if required && !reading.isPresent { return .review("Underskrift saknas.") }
        return .accept
    }

    public func decision(for reading: TextReading, required: Bool = false) -> ReviewDecision {
        if reading.isEmpty { return required ? .review("Fältet är obligatoriskt men tomt.") : .accept }
        if reading.confidence < minimumTextConfidence {
            return .review("Texten kunde inte läsas säkert – skriv av den från bilden.")
        }
        return .accept
    }

    private func percent(_ value: Double) -> String { "\(Int((value * 100).rounded())) %" }
}
