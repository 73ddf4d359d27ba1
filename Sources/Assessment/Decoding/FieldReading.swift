import FormKit

/// The decoder's verdict on one digits field.
public struct FieldReading: Sendable, Equatable {
    /// One valid reading of the field.
    public struct Alternative: Sendable, Equatable {
        /// The normalised value, e.g. `19121212-1212`, `2026-11-27`, `09:30`, `1250`.
        public var value: String
        /// The boxes as read, one character per box, a space for a blank box.
        public var boxes: String
        /// Probability among the valid readings considered (they sum to 1).
        public var probability: Double
        /// Joint probability of the boxes' readings under the recogniser's own
        /// probabilities, before restricting to valid readings.
        public var jointProbability: Double

        public init(value: String, boxes: String, probability: Double, jointProbability: Double) {
            self.value = value
            self.boxes = boxes
            self.probability = probability
            self.jointProbability = jointProbability
        }
    }

    /// Valid readings, most probable first; empty when the field is empty or invalid.
    public var alternatives: [Alternative]
    /// Every box is blank.
    public var isEmpty: Bool
    /// Why no valid reading exists (Swedish), nil when there is one or the field is empty.
    public var failure: ValidationFailure?

    public init(alternatives: [Alternative], isEmpty: Bool, failure: ValidationFailure?) {
        self.alternatives = alternatives
        self.isEmpty = isEmpty
        self.failure = failure
    }

    public static let empty = FieldReading(alternatives: [], isEmpty: true, failure: nil)

    public static func invalid(_ failure: ValidationFailure) -> FieldReading {
        FieldReading(alternatives: [], isEmpty: false, failure: failure)
    }

    /// The best valid reading.
    public var best: Alternative? { alternatives.first }
    /// The best valid value, normalised.
    public var value: String? { best?.value }
    /// The best value's probability among the valid readings considered (0 without one).
    public var probability: Double { best?.probability ?? 0 }
    /// The best value's raw joint probability (0 without one).
    public var jointProbability: Double { best?.jointProbability ?? 0 }
    /// The second-best valid reading.
    public var runnerUp: Alternative? { alternatives.count > 1 ? alternatives[1] : nil }
    /// The reason shown to the reviewer when there is no valid reading.
    public var reason: String? { failure?.reason }
}
