import ArgumentParser

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
            Outage.self, Status.self, Export.self, Register.self, Report.self, Purge.self, Review.self, Audit.self,
        ]
    )

    static func main() async {
        OpenMPLimit.apply()
        await main(nil)
    }
}
