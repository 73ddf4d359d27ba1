import Foundation
import Platform

/// Every form definition in a `Forms/` folder, checked and laid out.
public struct FormCatalog: Sendable {
    public let directory: URL
    public let forms: [FormDefinition]
    /// Earlier versions of the forms (`versions/*.yaml`): a binder printed
    /// before a form changed is still read, by the layout it was printed with.
    public let earlier: [FormDefinition]

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
        earlier = try Self.earlierVersions(in: directory.appendingPathComponent("versions"), current: forms)
    }

    /// The forms in `folder` (absent: none), each an older version of a current form.
    static func earlierVersions(in folder: URL, current: [FormDefinition]) throws -> [FormDefinition] {
        guard FileManager.default.fileExists(atPath: folder.path) else { return [] }
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" || $0.pathExtension == "yml" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        var earlier: [FormDefinition] = []
        for file in files {
            let name = "versions/" + file.lastPathComponent
            let form = try FormParser.parse(try DefinitionFile.text(at: FilePath(file.path), shownAs: name), file: name)
            guard let now = current.first(where: { $0.id == form.id }), form.version < now.version else {
                throw DefinitionError(
                    file: name, line: nil, path: "version",
                    message:
                        "en tidigare version måste ha samma id som en blankett i Forms och ett lägre versionsnummer")
            }
            if earlier.contains(where: { $0.id == form.id && $0.version == form.version }) {
                throw DefinitionError(
                    file: name, line: nil, path: "version",
                    message: "\(form.id) version \(form.version) finns redan bland de tidigare versionerna")
            }
            _ = try LayoutEngine.layout(form)
            earlier.append(form)
        }
        return earlier
    }

    public func form(_ id: String) -> FormDefinition? { forms.first { $0.id == id } }

    /// The form `id` as it was in `version`: the current one, or an earlier one kept in `versions/`.
    public func form(_ id: String, version: Int) -> FormDefinition? {
        if let now = form(id), now.version == version { return now }
        return earlier.first { $0.id == id && $0.version == version }
    }

    /// The earlier versions of `id` that are still read, lowest first.
    public func earlierVersions(of id: String) -> [Int] {
        earlier.filter { $0.id == id }.map(\.version).sorted()
    }

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
