import Drafts
import FormKit
import Foundation
import Platform

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
        try DefinitionFile.text(at: FilePath(url.path), shownAs: url.path)
    }
}

extension UnitFiles {
    /// The unit a workspace is for: the configuration recorded with `avbrott
    /// outage --unit`, else the built-in example unit. Routing, deadlines and
    /// the ICA warning level follow it.
    static func workspaceUnit(_ store: DraftStore, forms catalog: FormCatalog) throws -> UnitConfiguration {
        if let outage = try store.outage(), let text = outage.unitText {
            let unit = try UnitConfigurationParser.parse(text, file: outage.unitFile ?? "enhetens inställningar")
            try unit.check(against: catalog)
            return unit
        }
        return try unit(path: nil, forms: catalog)
    }
}
