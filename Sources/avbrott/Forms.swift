import ArgumentParser
import FormKit

extension Avbrott {
    struct Forms: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "forms",
            abstract: "Visa blanketterna och deras geometri.",
            subcommands: [List.self, Layout.self],
            defaultSubcommand: List.self
        )
    }
}

extension Avbrott.Forms {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Lista blanketterna.")

        @OptionGroup var options: FormsOptions

        func run() throws {
            try reportingErrors {
                let catalog = try options.catalog()
                for form in catalog.forms {
                    let units = form.units.map(\.rawValue).sorted().joined(separator: ",")
                    let label = form.label.map { "\($0): " } ?? ""
                    Diagnostics.output(
                        "\(form.id)\tv\(form.version)\t\(form.kind.rawValue)\t\(units)\t\(label)\(form.title)")
                }
            }
        }
    }

    struct Layout: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "layout",
            abstract: "Skriv ut geometrin för ett blad av en blankett (mm från övre vänstra hörnet).")

        @OptionGroup var options: FormsOptions
        @Argument(help: "Blankettens id, t.ex. bilaga-3.") var id: String
        @Flag(help: "Skriv JSON (standard).") var json = false
        @Flag(help: "Indenterad JSON.") var pretty = false

        func run() throws {
            try reportingErrors {
                let form = try options.catalog().require(id)
                let layout = try LayoutEngine.layout(form)
                Diagnostics.output(try LayoutDocument(layout).json(pretty: pretty))
            }
        }
    }
}
