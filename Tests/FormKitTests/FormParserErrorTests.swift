import Testing

@testable import FormKit

@Suite("Malformed form files are refused with file, line and reason")
struct FormParserErrorTests {
    let valid = """
        id: prov
        version: 1
        title: Provblankett
        kind: list
        units: [utredning]
        blocks:
          - table:
              rows: 5
              columns:
                - {id: namn, label: Namn, kind: text, width: 40}
                - {id: pnr, label: Personnummer, kind: digits, pattern: personnummer}
        """

    func error(_ text: String) -> DefinitionError? {
        do {
            _ = try FormParser.parse(text, file: "Forms/prov.yaml")
            return nil
        } catch let error as DefinitionError {
            return error
        } catch {
            return nil
        }
    }

    @Test func theValidFileParses() throws {
        let form = try FormParser.parse(valid, file: "Forms/prov.yaml")
        #expect(form.id == "prov")
        #expect(form.table?.columns.count == 2)
    }

    @Test func yamlSyntaxErrorNamesTheLine() throws {
        let e = try #require(error(valid.replacingOccurrences(of: "title: Provblankett", with: "title: [Provblankett")))
        #expect(e.file == "Forms/prov.yaml")
        #expect(e.line != nil)
        #expect(e.description.contains("ogiltig YAML"))
    }

    @Test func unknownKeyIsNamed() throws {
        let e = try #require(error(valid.replacingOccurrences(of: "version: 1", with: "version: 1\ncolour: red")))
        #expect(e.line == 3)
        #expect(e.description.contains("okänd nyckel \"colour\""))
    }

    @Test func wrongBoxCountForPattern() throws {
        let text = valid.replacingOccurrences(of: "pattern: personnummer}", with: "pattern: personnummer, boxes: 7}")
        let e = try #require(error(text))
        #expect(e.line == 11)
        #expect(e.description.contains("personnummer har 10 eller 12 rutor, inte 7"))
    }

    @Test func sumChecksNameTheirFieldsAndNeedTwoParts() throws {
        let amounts =
            valid + """

                        - {id: a, label: A, kind: digits, pattern: amount, boxes: 6}
                        - {id: b, label: B, kind: digits, pattern: amount, boxes: 6}
                        - {id: c, label: C, kind: digits, pattern: amount, boxes: 6}
                """
        let form = try FormParser.parse(
            amounts + "\nchecks:\n  - sum: {parts: [a, b], total: c}\n", file: "Forms/prov.yaml")
        #expect(form.checks == [.sum(parts: ["a", "b"], total: "c")])

        let unknown = try #require(error(amounts + "\nchecks:\n  - sum: {parts: [a, d], total: c}\n"))
        #expect(unknown.description.contains("kontrollen nämner fältet \"d\" som inte finns"))
        let single = try #require(error(amounts + "\nchecks:\n  - sum: {parts: [a], total: c}\n"))
        #expect(single.description.contains("en summa behöver minst två delar"))
    }

    @Test func missingKey() throws {
        let e = try #require(error(valid.replacingOccurrences(of: "title: Provblankett\n", with: "")))
        #expect(e.description.contains("nyckeln \"title\" saknas"))
    }

    @Test func unknownKind() throws {
        let e = try #require(error(valid.replacingOccurrences(of: "kind: text", with: "kind: textarea")))
        #expect(e.line == 10)
        #expect(e.description.contains("okänt värde \"textarea\""))
    }

    @Test func versionMustBeANumber() throws {
        let e = try #require(error(valid.replacingOccurrences(of: "version: 1", with: "version: ett")))
        #expect(e.line == 2)
        #expect(e.description.contains("heltal"))
    }

    @Test func duplicateFieldIDs() throws {
        let e = try #require(error(valid.replacingOccurrences(of: "id: pnr", with: "id: namn")))
        #expect(e.description.contains("förekommer två gånger"))
    }

    @Test func tableTooWideForThePage() throws {
        let text = valid.replacingOccurrences(of: "width: 40", with: "width: 200")
        let form = try FormParser.parse(text, file: "Forms/prov.yaml")
        #expect(throws: DefinitionError.self) { try LayoutEngine.layout(form) }
    }

    @Test func textColumnNeedsWidth() throws {
        let e = try #require(error(valid.replacingOccurrences(of: ", width: 40", with: "")))
        #expect(e.description.contains("måste ange width"))
    }
}
