import Assessment
import Drafts
import FormKit
import Foundation
import TestSupport
import Testing

/// A workspace written by the release before typed values (schema v1 + v2:
/// SampleScans' bilaga 5 and journal sheets ingested, reviewed in part, one
/// record registered, one marked for follow-up, the outage's end given), as
/// today's code opens it.
@Suite("Migrating a workspace of the previous release")
struct MigrationTests {
    static let fixture = RepositoryPaths.root.appendingPathComponent("Tests/DraftsTests/Fixtures/workspace-v2.sqlite")

    /// A copy of the old workspace in a folder of its own.
    func oldWorkspace() throws -> (TemporaryDirectory, DraftStore) {
        let folder = try TemporaryDirectory(prefix: "migration")
        let root = folder.file("ws")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: false)
        try FileManager.default.copyItem(atPath: Self.fixture.path, toPath: root + "/utkast.sqlite")
        return (folder, try DraftStore(workspace: try Workspace(path: root, create: false)))
    }

    @Test func valuesComeBackTyped() throws {
        let (folder, store) = try oldWorkspace()
        defer { withExtendedLifetime(folder) {} }
        let records = try store.records()
        #expect(records.count == 15)
        #expect(records.flatMap(\.fields).count == 102)
        let journal = try #require(records.first { $0.form == "journal-sol-lss" })
        #expect(journal.value("personnummer") == .personnummer("19551218-6551"))
        #expect(journal.value("datum") == .date(CivilDate(year: 2026, month: 10, day: 13)!))
        #expect(journal.value("tid") == .time(ClockTime(hour: 10, minute: 15)!))
        #expect(journal.value("lagrum") == .choices(["sol"]))
        #expect(journal.value("signatur") == .signature(true))
        #expect(journal.value("fortsattning") == .empty)
        let row = try #require(records.first { $0.form == "bilaga-5" && $0.row == 1 })
        #expect(row.value("belopp").kronor != nil)
    }

    @Test func timestampsBecomeDatesAndRegistrationADay() throws {
        let (folder, store) = try oldWorkspace()
        defer { withExtendedLifetime(folder) {} }
        let registered = try #require(try store.record(id: 6))
        #expect(registered.status == .registered)
        #expect(registered.record.registeredAt == CivilDate(year: 2026, month: 10, day: 20))
        #expect(registered.record.registeredBy == "AB" && registered.record.registeredSystem == "ParaSoL/ParaDifo")
        #expect(registered.record.verifiedAt == ISO8601DateFormatter().date(from: "2026-12-03T16:22:20Z"))
        let verifiedField = try #require(registered.fields.first { $0.verified })
        #expect(verifiedField.verifiedAt != nil && verifiedField.verifiedBy == "Anna Berg")
        let followUp = try #require(try store.record(id: 7))
        #expect(followUp.followUp && followUp.comment == "Kolla beloppet i Paraplyet")
        #expect(try store.unreadableFiles().isEmpty)
        let files = try store.pages().map(\.source)
        #expect(Set(files) == ["03-bilaga-5-blad1-2.tif", "07-journal-sol-lss.jpg"])
    }

    @Test func messagesBecomeNotesThatSayWhatTheyAre() throws {
        let (folder, store) = try oldWorkspace()
        defer { withExtendedLifetime(folder) {} }
        let fields = try store.records().flatMap(\.fields)
        let total = try #require(fields.first { $0.notes.contains { $0.text.hasPrefix("Totalen ska vara") } })
        #expect(total.notes.contains(FieldNote(.invalid, "Totalen ska vara 3575 + 800 = 4375 kr")))
        #expect(total.notes.contains { $0.kind == .uncertain && $0.text.hasPrefix("Osäker siffra") })
        #expect(total.hasValidationError)
        #expect(fields.allSatisfy { $0.boxReadings.isEmpty }, "an old reading kept no boxes")
    }

    @Test func theOutageEndAndTheAuditLogSurvive() throws {
        let (folder, store) = try oldWorkspace()
        defer { withExtendedLifetime(folder) {} }
        let dates = try #require(try store.outageDates())
        #expect(dates.end == CivilDate(year: 2026, month: 10, day: 16) && !dates.endAssumed && dates.start == nil)
        #expect(try store.verifyAudit() == .intact(entries: 44))
        // The log still describes the data: its last word on each verified field is the stored value.
        let verified = try store.auditEntries().filter { $0.action == "verify" && $0.recordID == 6 }
        #expect(verified.count == 10)
        for entry in verified {
            let fieldID = try #require(entry.fieldID)
            let field = try #require(try store.record(id: 6)?.field(fieldID))
            #expect(field.value.canonicalText == entry.newValue, "\(field.fieldID)")
        }
    }

    @Test func openingTwiceMigratesOnce() throws {
        let (folder, store) = try oldWorkspace()
        defer { withExtendedLifetime(folder) {} }
        let before = try store.records()
        let again = try DraftStore(workspace: store.workspace)
        #expect(try again.records() == before)
    }
}
