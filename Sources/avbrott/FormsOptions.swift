import ArgumentParser
import FormKit

/// The `--forms` option shared by every command that reads form definitions.
struct FormsOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Mapp med blankettdefinitioner (standard: Forms bredvid programmet).",
            valueName: "mapp"))
    var forms: String?

    func catalog() throws -> FormCatalog {
        try FormCatalog(directory: try FormsDirectory.locate(explicit: forms))
    }
}
