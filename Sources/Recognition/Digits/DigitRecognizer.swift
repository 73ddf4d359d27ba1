import Assessment
import Foundation
import Raster

/// Reads one handwritten digit per comb box.
///
/// Whether a box is blank is decided from its ink (after removing box-line
/// remnants and specks), not by the classifier; the digit probabilities come
/// from a small CNN, and for the boxes it is unsure of from the mean logits of
/// several (Training/digits). Immutable
/// after loading, so one instance may be used from several threads at once:
/// every call works in its own scratch memory.
public final class DigitRecognizer: Sendable {
    private let model: DigitModel

    /// Loads the model bundled with the program.
    public convenience init() throws(DigitModelError) {
        guard let url = Self.bundledModelURL, let data = try? Data(contentsOf: url) else {
            throw .resourceMissing
        }
        try self.init(modelData: data)
    }

    /// Where the bundled model file is.
    static var bundledModelURL: URL? { Bundle.module.url(forResource: "digits", withExtension: "avbnet") }

    /// Loads a model from the bytes of a `.avbnet` file.
    public init(modelData: Data) throws(DigitModelError) {
        model = try DigitModel(data: modelData)
    }

    /// The top-probability threshold chosen on the validation split so that at
    /// most 0.5 % of the digits above it were wrong: flag readings below it for review.
    public var suggestedThreshold: Double { model.suggestedThreshold }

    /// SHA-256 of the training data file the model was made from.
    public var trainingDataSHA256: String { model.trainingDataSHA256 }

    /// Multiply-adds (before zeros are skipped) of the networks every box goes through.
    public var multiplyAddsPerBox: Int {
        model.escalation == nil ? multiplyAddsEscalated : model.members[0].multiplyAdds
    }

    /// Multiply-adds of every network, for a box the first one is unsure of.
    public var multiplyAddsEscalated: Int { model.members.reduce(0) { $0 + $1.multiplyAdds } }

    /// Reads one box crop (the inside of a printed comb box).
    public func read(_ box: GreyImage) -> BoxCandidates {
        withScratch { input, scratch in read(box, input: input, scratch: scratch).candidates }
    }

    /// Reads many boxes, reusing one scratch buffer.
    public func read(_ boxes: [GreyImage]) -> [BoxCandidates] {
        readCounting(boxes).results
    }

    /// Reads many boxes and counts those the networks read and those that
    /// every network read (the first one was unsure of them).
    public func readCounting(_ boxes: [GreyImage]) -> (results: [BoxCandidates], networkReads: Int, escalated: Int) {
        var networkReads = 0, escalated = 0
        let results = withScratch { input, scratch in
            boxes.map { box in
                let (candidates, escalation) = read(box, input: input, scratch: scratch)
                if let escalation {
                    networkReads += 1
                    if escalation { escalated += 1 }
                }
                return candidates
            }
        }
        return (results, networkReads, escalated)
    }

    private func withScratch<T>(_ body: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>) -> T) -> T {
        let inputCount = DigitPreprocessor.side * DigitPreprocessor.side
        let buffer = UnsafeMutablePointer<Float>.allocate(capacity: inputCount + model.scratchCount)
        defer { buffer.deallocate() }
        return body(buffer, buffer + inputCount)
    }

    /// One box; `escalated` is nil when no network read it, else whether every network did.
    private func read(
        _ box: GreyImage, input: UnsafeMutablePointer<Float>,
        scratch: UnsafeMutablePointer<Float>
    ) -> (candidates: BoxCandidates, escalated: Bool?) {
        switch DigitPreprocessor.prepare(box, input: input) {
        case .blank:
            return (.empty, nil)
        case .dense:
            return (BoxCandidates(probabilities: Array(repeating: 0.1, count: 10), blank: 0), nil)
        case .digit(let inkFraction):
            let (probabilities, escalated) = model.probabilities(input: input, scratch: scratch)
            return (
                BoxCandidates(probabilities: probabilities, blank: model.blankProbability(inkFraction: inkFraction)),
                escalated
            )
        }
    }
}
