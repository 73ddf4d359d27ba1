import FormKit
import Foundation

/// Reads the unit configuration and the binder text that live beside the forms.
enum UnitFiles {
    static func unit(path: String?, forms catalog: FormCatalog) throws -> UnitConfiguration {
        let url =
            path.map { URL(fileURLWithPath: $0) }
            ?? catalog.directory.appendingPathComponent("units/example.yaml")
        let unit = try UnitConfigurationParser.parse(try readText(url), file: url.lastPathComponent)
        try unit.check(against: catalog)
        return unit
    }

    static func binderContent(forms catalog: FormCatalog) throws -> BinderContent {
        let url = catalog.directory.appendingPathComponent("binder/contents.yaml")
        return try BinderContentParser.parse(try readText(url), file: "binder/contents.yaml")
    }

    static func readText(_ url: URL) throws -> String {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw DefinitionError(file: url.path, line: nil, path: "", message: "filen finns inte")
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw DefinitionError(file: url.path, line: nil, path: "", message: "filen går inte att läsa")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DefinitionError(file: url.path, line: nil, path: "", message: "filen är inte UTF-8-text")
        }
        return text
    }
}
