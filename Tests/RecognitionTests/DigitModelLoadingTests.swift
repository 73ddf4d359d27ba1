import Foundation
import Testing

@testable import Recognition

@Suite("Digit model file")
struct DigitModelLoadingTests {
    func bundledModel() throws -> Data {
        try Data(contentsOf: try #require(DigitRecognizer.bundledModelURL))
    }

    @Test func bundledModelLoadsAndRecordsItsTrainingData() throws {
        let recognizer = try DigitRecognizer()
        #expect(recognizer.trainingDataSHA256.count == 64)
        #expect(recognizer.suggestedThreshold > 0.5 && recognizer.suggestedThreshold < 1)
    }

    @Test func corruptModelsThrowTypedErrors() throws {
        let data = try bundledModel()
        #expect(throws: DigitModelError.notAModel) { try DigitRecognizer(modelData: Data("not a model".utf8)) }
        #expect(throws: DigitModelError.notAModel) { try DigitRecognizer(modelData: Data()) }
        var wrongVersion = data
        wrongVersion[4] = 9
        #expect(throws: DigitModelError.unsupportedVersion(9)) { try DigitRecognizer(modelData: wrongVersion) }
        #expect(throws: DigitModelError.truncated) { try DigitRecognizer(modelData: data.prefix(data.count - 100)) }
        var badHeader = data
        badHeader[12] = UInt8(ascii: "#")
        #expect(throws: (any Error).self) { try DigitRecognizer(modelData: badHeader) }
    }

    /// The header lists each member's layers; one the program has no kernel for,
    /// or weights of the wrong shape, are refused with the layer named.
    @Test func unknownLayersAndWrongShapesAreRefused() throws {
        let data = try bundledModel()
        #expect(throws: DigitModelError.shapeMismatch("m0.l0")) {
            try DigitRecognizer(modelData: try data.replacingModelText("\"conv3x3\"", with: "\"conv5x5\""))
        }
        #expect(throws: DigitModelError.shapeMismatch("m0.l0.w")) {
            // [3, 3, 1, C] as [9, 1, 1, C]: as many floats, the wrong shape.
            try DigitRecognizer(
                modelData: try data.replacingModelText("[\n    3,\n    3,\n    1,", with: "[\n    9,\n    1,\n    1,"))
        }
    }

    /// The bundled model asks every network only for the boxes the first is unsure
    /// of; the header's limit must be a probability and there must be others to ask.
    @Test func escalationNeedsAProbabilityLimitAndSeveralNetworks() throws {
        let data = try bundledModel()
        let limit = try Data.bundledEscalationLimit()
        // Above 1 and 0, as long as the limit so that offsets stay.
        for bad in ["7" + limit.dropFirst(), "0." + String(repeating: "0", count: limit.count - 2)] {
            #expect(throws: DigitModelError.corruptHeader("escalation")) {
                try DigitRecognizer(
                    modelData: try data.replacingModelText("\"below\": \(limit)", with: "\"below\": \(bad)"))
            }
        }
    }

    @Test func errorsAreDescribedInSwedish() {
        #expect(DigitModelError.resourceMissing.description.contains("saknas"))
        #expect(DigitModelError.truncated.localizedDescription.contains("avkortad"))
    }
}
