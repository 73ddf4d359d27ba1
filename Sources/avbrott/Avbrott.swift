import ArgumentParser

@main
struct Avbrott: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "avbrott",
        abstract: "Avbrotts- och kontinuitetspärm: skriv ut, skanna in och granska."
    )
}
