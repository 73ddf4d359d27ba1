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

    @Test func errorsAreDescribedInSwedish() {
        #expect(DigitModelError.resourceMissing.description.contains("saknas"))
        #expect(DigitModelError.truncated.localizedDescription.contains("avkortad"))
    }
}
