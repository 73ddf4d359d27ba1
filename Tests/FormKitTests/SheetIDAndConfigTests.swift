import Foundation
import TestSupport
import Testing

@testable import FormKit

@Suite struct SheetIDTests {
    @Test func payloadRoundTrips() throws {
        let id = SheetID(form: "bilaga-3", version: 1, binder: "K7M3QX", serial: 4)
        #expect(id.payload == "AVB1:bilaga-3:1:K7M3QX:0004")
        #expect(SheetID(payload: id.payload) == id)
        #expect(id.description == "bilaga-3 v1 · K7M3QX-0004")
    }

    @Test func foreignCodesAreRejected() {
        for text in [
            "", "https://example.invalid", "AVB1:bilaga-3:1:K7M3QX", "AVB1:bilaga-3:x:K7M3QX:0001",
            "AVB1:bilaga-3:1:K7M3Q0:0001", "AVB2:bilaga-3:1:K7M3QX:0001",
        ] {
            #expect(SheetID(payload: text) == nil, "accepted \(text)")
        }
    }

    @Test func randomBinderIDsAreValid() {
        for _ in 0..<100 { #expect(SheetID.isValidBinderID(SheetID.randomBinderID())) }
    }
}

@Suite struct UnitConfigurationTests {
    @Test func theExampleUnitParses() throws {
        let url = RepositoryPaths.forms.appendingPathComponent("units/example.yaml")
        let config = try UnitConfigurationParser.parse(
            try String(contentsOf: url, encoding: .utf8), file: "example.yaml")
        #expect(config.type == .utredning)
        #expect(!config.contacts(withRole: .kassaforvaltare).isEmpty)
        try config.check(against: try FormCatalog(directory: RepositoryPaths.forms))
    }

    @Test func unknownFormInSheetsIsNamedWithItsLine() throws {
        let text = """
            unit: {name: Enhet, administration: Förvaltning, type: utforare}
            sheets:
              bilaga-3: 2
              bilaga-99: 1
            """
        let config = try UnitConfigurationParser.parse(text, file: "enhet.yaml")
        do {
            try config.check(against: try FormCatalog(directory: RepositoryPaths.forms))
            Issue.record("an unknown form was accepted")
        } catch let error as DefinitionError {
            #expect(error.line == 4)
            #expect(error.description.contains("okänd blankett \"bilaga-99\""))
        }
    }

    @Test func badUnitTypeIsRefused() {
        let text = "unit: {name: Enhet, administration: Förvaltning, type: skola}\n"
        #expect(throws: DefinitionError.self) { try UnitConfigurationParser.parse(text, file: "enhet.yaml") }
    }

    @Test func binderContentParses() throws {
        let url = RepositoryPaths.forms.appendingPathComponent("binder/contents.yaml")
        let content = try BinderContentParser.parse(try String(contentsOf: url, encoding: .utf8), file: "contents.yaml")
        #expect(content.levels.map(\.level) == ["I", "II", "III"])
        for unit in UnitType.allCases {
            for level in content.levels { #expect(!level.sections(for: unit).isEmpty) }
        }
    }
}
