import TestSupport
import Testing

@testable import FormKit

/// The plan's table *Where things are registered*, as the forms in `Forms/` say it.
@Suite("Registration routes follow the plan, per unit type and per row")
struct RoutingTests {
    let catalog: FormCatalog
    init() throws { catalog = try FormCatalog(directory: RepositoryPaths.forms) }

    func route(_ form: String, _ unit: UnitType, _ values: [String: FieldValue] = [:]) throws -> RegistrationRoute? {
        try #require(catalog.form(form)).registration?.route(unit: unit) { values[$0] ?? .empty }
    }

    @Test func investigationUnitsRegisterInTheSocialSystemAsSoonAsItIsBack() throws {
        for form in ["beslut", "bestallning", "bilaga-3", "bilaga-4", "bilaga-5", "journal-sol-lss"] {
            let r = try #require(try route(form, .utredning), "\(form)")
            #expect(r.system == "Sociala system (Paraplyet)" && r.deadline == .assoonAsPossible, "\(form)")
        }
        // No day count is invented: "snarast" has no due date.
        #expect(Deadline.assoonAsPossible.swedishDescription == "snarast när systemen fungerar igen")
    }

    @Test func providersFollowTheNotesLagrum() throws {
        #expect(try route("journal-sol-lss", .utforare, ["lagrum": .choices(["sol"])])?.system == "ParaSoL")
        #expect(try route("journal-sol-lss", .utforare, ["lagrum": .choices(["lss"])])?.system == "ParaDifo")
        let unmarked = try #require(try route("journal-sol-lss", .utforare))
        #expect(unmarked.system.contains("lagrum ej markerat"))
        #expect(try route("genomforandeplan", .utforare)?.system == "ParaSoL")
        #expect(try route("bilaga-4", .utforare, ["vad": .choices(["genomforandeplan"])])?.system == "ParaSoL")
        let time = try #require(try route("reservblankett-tid", .utforare))
        #expect(time.system == "ParaGå Web" && time.by == "arbetsledaren")
    }

    @Test func hslUnitsHaveTheirWeekAndTenWorkingDays() throws {
        let hsl = try #require(try route("journal-hsl", .hsl))
        #expect(hsl.system == "VODOK" && hsl.deadline == .calendarDays(7))
        let sol = try #require(try route("journal-sol-lss", .hsl))
        #expect(sol.system == "ParaSoL" && sol.deadline == .workingDays(10))
        #expect(try route("bilaga-4", .hsl, ["vad": .choices(["journalanteckning"])])?.deadline == .workingDays(10))
        #expect(try route("bilaga-4", .hsl, ["vad": .choices(["genomforandeplan"])])?.deadline == .assoonAsPossible)
    }

    @Test func usbSticksAreNotRegisteredButReturned() throws {
        let usb = try #require(catalog.form("bilaga-2"))
        #expect(usb.registration == nil)
        let custody = try #require(usb.custody)
        #expect(custody.returned == "ater_datum" && custody.returnedSignature == "ater_signatur")
        #expect(custody.returnTo == ContactRole.informationssakerhetssamordnare.rawValue)
        // A unit type the plan names nothing for gets no route, not a guess.
        #expect(try route("beslut", .hsl) == nil)
        #expect(try route("utbetalningsunderlag", .utredning)?.deadline == Deadline.none)
    }

    @Test func aRouteNamingAnUnknownFieldOrOptionIsRefused() {
        let base = """
            id: prov
            version: 1
            title: Prov
            kind: template
            units: [utforare]
            blocks:
              - fields:
                  - {id: lagrum, label: Lagrum, kind: choice, options: [{value: sol, label: SoL}]}
            """
        func refusal(_ registration: String) -> String {
            do {
                _ = try FormParser.parse(base + "\n" + registration, file: "prov.yaml")
                return ""
            } catch {
                return String(describing: error)
            }
        }
        #expect(
            refusal(
                "registration:\n  routes:\n    - {units: [utforare], when: {field: lagrum, is: [lss]}, system: X, deadline: none}"
            ).contains("\"lss\" är inget alternativ"))
        #expect(
            refusal(
                "registration:\n  routes:\n    - {units: [utforare], when: {field: vad, is: [sol]}, system: X, deadline: none}"
            ).contains("\"vad\""))
        #expect(refusal("registration:\n  routes:\n    - {units: [utforare], system: X, deadline: {days: 0}}") != "")
        #expect(refusal("registration:\n  routes:\n    - {units: [utforare], system: X, deadline: none}") == "")
    }
}
