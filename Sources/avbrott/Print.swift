import ArgumentParser

extension Avbrott {
    struct Print: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "print", abstract: "Skriv ut pärmen som PDF.")
        func run() throws {}
    }
}
