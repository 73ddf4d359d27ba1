import FormKit

/// The per-box check that ingest, `read-field` and the recognition benchmark
/// add to the review policy's decision on a decoded digits field.
public enum DigitFieldCheck {
    /// How sure the recogniser must be of every single box.
    ///
    /// A personnummer has its check digit, which catches any single misread:
    /// 0.8, or the model's own threshold if lower. Every other field has no
    /// redundancy, and one confident misread makes it wrong: `withoutCheckDigit`,
    /// or the model's own threshold if higher.
    public static func minimumBoxProbability(_ pattern: DigitPattern, modelThreshold: Double) -> Double {
        pattern == .personnummer ? min(0.8, modelThreshold) : max(withoutCheckDigit(pattern), modelThreshold)
    }

    /// The per-box minimum of a field without a check digit, chosen on
    /// out-of-fold readings of the whole training pool (`Training/digits/crossval.py`:
    /// 4 000 digits in five folds, 24 000 crops, each read by a network trained
    /// without it; `avbrott benchmark out-of-fold`, 20 000 fields of each kind):
    /// the lowest per-box minimum at which wrong fields among the unflagged stay
    /// at or below 0.5 % with 95 % confidence, rounded up, and never below the
    /// 0.975 the validation digits had given (rule fixed after four folds, before
    /// the fifth was read). Dates need 0.956 (0.28 % wrong among the unflagged at
    /// 0.975), times 0.973 (0.32 %), four-digit numbers 0.983 (0.54 % at 0.975).
    /// Amounts keep 0.975: every written amount goes to a person anyway, and the
    /// box rule only decides which ones a confirming sum may release (chosen
    /// with `RunningTotalBenchmark`). Past about 0.985 what is left are readings
    /// the recogniser is sure of and wrong: catching them sends nearly every
    /// field to a person (0.995 flags 97 % of the times).
    public static func withoutCheckDigit(_ pattern: DigitPattern) -> Double {
        switch pattern {
        case .number: return 0.983
        case .date, .time, .amount, .personnummer: return 0.975
        }
    }

    /// Whether every written value of this pattern goes to a person. Amounts:
    /// any digit string is a valid amount, so one confident misread passes
    /// every other check, and on the validation digits no per-box threshold
    /// kept wrong unflagged amounts at ≤ 0.5 % with 95 % confidence (the held-out
    /// digits then let 1.5–1.7 % through at 0.975 with model 1.1). It is money: a person
    /// compares each amount with its crop, unless a sum on the form confirms
    /// it (`AmountConfirmation`).
    public static func alwaysReviewed(_ pattern: DigitPattern) -> Bool { pattern == .amount }

    /// The reason given when an amount is reviewed for being an amount and for
    /// nothing else.
    public static let amountReason = "Belopp kontrolleras mot bilden; ingen summa bekräftar det."

    /// How sure the blank model must be of every box of a field read as empty.
    /// A digit taken for blank loses the whole value without a trace (a
    /// one-digit amount, the only written box of a field), so an empty reading
    /// with a box below this goes to a person. Chosen on renders of the training
    /// and validation digits with the evaluation degradations: 4 of 30 000
    /// digit boxes were taken for blank, all at 0.61–0.69; 1.1 % of 3 000 blank
    /// boxes (specks, box-line remnants) are blank with 0.5–0.8 and are flagged.
    public static let minimumBlankOfEmptyField = 0.8

    /// For a field read as empty (every box blank with at least ½): the box
    /// least surely blank, when it is blank with less than
    /// `minimumBlankOfEmptyField` (ink that may be a digit); nil when every box
    /// is surely blank.
    public static func doubtfulBlank(_ candidates: [BoxCandidates]) -> Int? {
        guard let faintest = candidates.indices.min(by: { candidates[$0].blank < candidates[$1].blank }),
              candidates[faintest].blank < minimumBlankOfEmptyField else { return nil }
        return faintest
    }

    /// Sends the field to review when its least certain box is below
    /// `minimumBoxProbability`, saying which box (in Swedish), when it was read
    /// as empty but a box is blank with less than `minimumBlankOfEmptyField`,
    /// and every written amount (with `amountReason` when nothing else flagged it).
    ///
    /// Returns the reasons a sum on the form that confirms the value may take
    /// back (`AmountConfirmation`): those added here to a written amount whose
    /// reading the review policy passed (`decision` as it comes in); nil for
    /// every other field. Chosen on the validation digits with
    /// `RunningTotalBenchmark` (20 000 rows): taking back the box rule too
    /// released 31 % of the amounts with none wrong, against 20 % when only the
    /// amount reason was taken back; releasing readings the policy doubted as
    /// well let one wrong amount through.
    @discardableResult
    public static func check(_ decision: inout ReviewDecision, reading: FieldReading, candidates: [BoxCandidates],
                             pattern: DigitPattern, modelThreshold: Double) -> [String]? {
        let policyPassed = !decision.review
        var added: [String] = []
        let minimum = minimumBoxProbability(pattern, modelThreshold: modelThreshold)
        if let weakest = weakestBox(reading, candidates), weakest.probability < minimum {
            added.append("Osäker siffra i ruta \(weakest.box + 1) (\(Int(weakest.probability * 100)) %).")
        }
        if reading.isEmpty, let faint = doubtfulBlank(candidates) {
            added.append("Fältet ser tomt ut, men ruta \(faint + 1) har bläck som kan vara en siffra "
                         + "(tom med \(Int(candidates[faint].blank * 100)) %).")
        }
        if alwaysReviewed(pattern), !reading.isEmpty, !decision.review, added.isEmpty {
            added.append(amountReason)
        }
        if !added.isEmpty { decision.review = true }
        decision.reasons += added
        return alwaysReviewed(pattern) && !reading.isEmpty && policyPassed ? added : nil
    }

    /// The review of a decoded digits field as ingest, `read-field` and the
    /// benchmarks make it: the policy's decision, then `check`.
    public struct Review: Sendable {
        public var decision: ReviewDecision
        /// Whether the policy alone would have let the reading through.
        public let policyPassed: Bool
        /// What `check` returned: the reasons a confirming sum may take back.
        public let releasableBySum: [String]?
    }

    public static func review(_ reading: FieldReading, candidates: [BoxCandidates], pattern: DigitPattern,
                              policy: ReviewPolicy, modelThreshold: Double) -> Review {
        var decision = policy.decision(for: reading, boxes: candidates.count)
        let policyPassed = !decision.review
        let releasable = check(&decision, reading: reading, candidates: candidates, pattern: pattern,
                               modelThreshold: modelThreshold)
        return Review(decision: decision, policyPassed: policyPassed, releasableBySum: releasable)
    }

    /// The box whose chosen digit (or blank) the recogniser was least sure of.
    public static func weakestBox(_ reading: FieldReading, _ candidates: [BoxCandidates]) -> (box: Int, probability: Double)? {
        guard let best = reading.best, best.boxes.count == candidates.count else { return nil }
        var weakest: (box: Int, probability: Double)? = nil
        for (i, (character, c)) in zip(best.boxes, candidates).enumerated() {
            let p: Double
            if let digit = character.wholeNumberValue {
                p = (1 - c.blank) * c.probabilities[digit]
            } else {
                p = c.blank
            }
            if p < (weakest?.probability ?? .infinity) { weakest = (i, p) }
        }
        return weakest
    }

}
