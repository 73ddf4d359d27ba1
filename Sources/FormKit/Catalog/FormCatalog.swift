import Foundation
import Platform

/// Every form definition in a `Forms/` folder, checked and laid out.
public struct FormCatalog: Sendable {
    public let directory: URL
    public let forms: [FormDefinition]

    /// Reads every `*.yaml` directly in `directory`; stops at the first bad file
    /// with a `DefinitionError` naming it.
    public init(directory: URL) throws {
        self.directory = directory
        let files: [URL]
        do {
            files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "yaml" || $0.pathExtension == "yml" }
                .sorted { $0.lastPathComponent < $1.lastPathComponent }
        } catch {
            throw DefinitionError(
                file: directory.path, line: nil, path: "",
                message: "kan inte läsa mappen med blanketter")
        }
        var forms: [FormDefinition] = []
        for file in files {
            let name = Self.displayName(file)
            let text = try DefinitionFile.text(at: FilePath(file.path), shownAs: name)
            let form = try FormParser.parse(text, file: name)
            if let other = forms.first(where: { $0.id == form.id }) {
                throw DefinitionError(
                    file: name, line: nil, path: "id",
                    message: "id \"\(form.id)\" används redan av \(other.sourceFile)")
            }
            _ = try LayoutEngine.layout(form)  // a form that cannot be laid out is refused here
            forms.append(form)
        }
        guard !forms.isEmpty else {
            throw DefinitionError(
                file: directory.path, line: nil, path: "", message: "mappen innehåller inga blanketter (*.yaml)")
        }
        self.forms = forms
    }

    public func form(_ id: String) -> FormDefinition? { forms.first { $0.id == id } }

    /// The form with `id`, or a Swedish error listing the ones that exist.
    public func require(_ id: String) throws -> FormDefinition {
        guard let form = form(id) else {
            throw CatalogError.unknownForm(id, known: forms.map(\.id))
        }
        return form
    }

    static func displayName(_ file: URL) -> String {
        "\(file.deletingLastPathComponent().lastPathComponent)/\(file.lastPathComponent)"
    }
}

public enum CatalogError: Error, CustomStringConvertible, Equatable {
    case unknownForm(String, known: [String])
    case formsNotFound(searched: [String])

    public var description: String {
        switch self {
        case .unknownForm(let id, let known):
            return "Okänd blankett \"\(id)\". Blanketter som finns: \(known.joined(separator: ", "))"
        case .formsNotFound(let searched):
            return "Hittar inte mappen Forms med blankettdefinitioner. Sökte i: \(searched.joined(separator: ", ")). "
                + "Ange mappen med --forms eller miljövariabeln AVBROTT_FORMS."
        }
    }
}
