import Foundation
import Raster

/// Reads one handwritten digit per comb box.
///
/// Whether a box is blank is decided from its ink (after removing box-line
/// remnants and specks), not by the classifier; the digit probabilities come
/// from a small CNN, or the mean logits of several (Training/digits). Immutable
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

    /// Multiply-adds of the networks for one box (before zeros are skipped).
    public var multiplyAddsPerBox: Int { model.members.reduce(0) { $0 + $1.multiplyAdds } }

    /// Reads one box crop (the inside of a printed comb box).
    public func read(_ box: GreyImage) -> BoxCandidates {
        withScratch { input, scratch in read(box, input: input, scratch: scratch) }
    }

    /// Reads many boxes, reusing one scratch buffer.
    public func read(_ boxes: [GreyImage]) -> [BoxCandidates] {
        withScratch { input, scratch in boxes.map { read($0, input: input, scratch: scratch) } }
    }

    private func withScratch<T>(_ body: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>) -> T) -> T {
        let inputCount = DigitPreprocessor.side * DigitPreprocessor.side
        let buffer = UnsafeMutablePointer<Float>.allocate(capacity: inputCount + model.scratchCount)
        defer { buffer.deallocate() }
        return body(buffer, buffer + inputCount)
    }

    private func read(_ box: GreyImage, input: UnsafeMutablePointer<Float>,
                      scratch: UnsafeMutablePointer<Float>) -> BoxCandidates {
        switch DigitPreprocessor.prepare(box, input: input) {
        case .blank:
            return .empty
        case .dense:
            return BoxCandidates(probabilities: Array(repeating: 0.1, count: 10), blank: 0)
        case .digit(let inkFraction):
            return BoxCandidates(probabilities: model.probabilities(input: input, scratch: scratch),
                                 blank: model.blankProbability(inkFraction: inkFraction))
        }
    }
}
