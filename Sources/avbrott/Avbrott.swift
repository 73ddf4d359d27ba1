import ArgumentParser
import FormKit
import Platform

@main
struct Avbrott: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "avbrott",
        abstract: "Avbrotts- och kontinuitetspärm för sociala system: skriv ut, skanna in och granska.",
        discussion: """
            Pärmen skrivs ut i förväg. Efter ett avbrott skannas de ifyllda listorna in, \
            verktyget gör utkast av varje rad och mall, och en handläggare granskar varje \
            utkast innan det registreras i verksamhetssystemet.
            """,
        subcommands: [
            Print.self, Forms.self, Ingest.self, ReadField.self, Benchmark.self,
            Outage.self, Status.self, Worklist.self, Find.self, Export.self, Register.self, Report.self, Purge.self,
            Review.self, Audit.self,
        ]
    )

    /// Parses and runs the command; every message of the parser itself
    /// (help, usage, argument errors) is turned into Swedish on its way out.
    static func main() async {
        OpenMPLimit.apply()
        if Array(CommandLine.arguments.dropFirst()) == ["--version"] {
            Diagnostics.output(versionText())
            return
        }
        var command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            let (text, isError) = SwedishCommandLine.report(error, of: Self.self)
            if !text.isEmpty {
                if isError { Diagnostics.note(text) } else { Diagnostics.output(text) }
            }
            // The parser's way out with the status it chose (printing nothing more).
            exit(withError: ExitCode(exitCode(for: error).rawValue))
        }
        do {
            if var asynchronous = command as? AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch let error as ExitCode {
            exit(withError: error)
        } catch {
            // A mistake found while running (a missing name, a date): the message, without the usage.
            Diagnostics.error(
                (error as? ValidationError).map(\.message) ?? String(describing: error))
            exit(withError: ExitCode(error is ValidationError ? 64 : 1))
        }
    }

    /// "avbrott 0.6.0" and the versions of the forms it reads (found as every command finds them).
    static func versionText() -> String {
        var lines = ["avbrott \(ProgramVersion.current)"]
        do {
            let catalog = try FormCatalog(directory: try FormsDirectory.locate(explicit: nil))
            lines.append("Blanketter i \(catalog.directory.path):")
            for form in catalog.forms {
                let earlier = catalog.earlierVersions(of: form.id).map { "v\($0)" }
                lines.append(
                    "  \(form.id) v\(form.version)"
                        + (earlier.isEmpty ? "" : " (läser även \(earlier.joined(separator: ", ")))"))
            }
        } catch {
            lines.append("Blanketterna hittas inte: \(error)")
        }
        return lines.joined(separator: "\n")
    }
}
