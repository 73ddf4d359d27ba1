import Assessment
import Drafts
import FormKit
import Foundation
import TestSupport
import Testing

/// The store on a real SQLite file: what goes in comes back typed, every
/// change is one transaction with its audit entry, and files are owner-only.
@Suite("DraftStore")
struct DraftStoreTests {
    static func field(
        _ id: String, _ kind: FieldKind, _ pattern: DigitPattern? = nil, _ value: FieldValue,
        review: Bool = false, boxes: [String] = [], notes: [FieldNote] = []
    ) -> DraftField {
        DraftField(
            fieldID: id, kind: kind, pattern: pattern,
            assessment: FieldAssessment(
                value: value, confidence: review ? 0.6 : 0.99, needsReview: review,
                notes: notes, boxReadings: boxes, hasInk: value != .empty),
            crop: Data([0x89, 0x50]))
    }

    /// A workspace with one bilaga-3 sheet: its own fields and one row.
    func workspace() throws -> (TemporaryDirectory, DraftStore) {
        let folder = try TemporaryDirectory(prefix: "store")
        let store = try DraftStore(workspace: try Workspace(path: folder.file("ws"), create: true))
        let file = try store.addFile(
            ScanFile(sha256: "ab", name: "skanning.png", stored: nil, error: nil, importedAt: Date()))
        var page = ScannedPage(fileID: try #require(file.id), pageNumber: 1, status: .identified)
        page.form = "bilaga-3"
        page.sheet = "AVB1:bilaga-3:1:K7M3QX:0001"
        try store.save(
            PageDraft(
                page: page,
                records: [
                    RecordDraft(
                        row: nil,
                        fields: [
                            Self.field("handlaggare", .text, nil, .text("Anna Berg")),
                            Self.field("handlaggare_signatur", .signature, nil, .signature(true)),
                        ]),
                    RecordDraft(
                        row: 1,
                        fields: [
                            Self.field(
                                "r01.personnummer", .digits, .personnummer, .personnummer("19850101-1236"),
                                review: true,
                                notes: [FieldNote(.uncertain, "Osäker siffra i ruta 7 (90 %).")]),
                            Self.field(
                                "r01.beslutsdatum", .digits, .date, .date(CivilDate(year: 2026, month: 10, day: 15)!),
                                boxes: ["261015"]),
                            Self.field("r01.insats", .text, nil, .text("Hyra")),
                        ]),
                ]))
        return (folder, store)
    }

    @Test func whatIsSavedComesBackTyped() throws {
        let (folder, store) = try workspace()
        defer { withExtendedLifetime(folder) {} }
        let records = try store.records()
        #expect(records.map(\.row) == [nil, 1])
        let row = try #require(records.last)
        #expect(row.value("personnummer") == .personnummer("19850101-1236"))
        #expect(row.value("beslutsdatum") == .date(CivilDate(year: 2026, month: 10, day: 15)!))
        #expect(
            row.field(definition: "personnummer")?.notes == [FieldNote(.uncertain, "Osäker siffra i ruta 7 (90 %).")])
        #expect(row.fields.allSatisfy { $0.hasCrop && $0.crop == nil }, "reads leave the crops out")
        let firstID = try #require(row.fields.first?.id)
        #expect(try store.crop(fieldRowID: firstID) == [0x89, 0x50])
        #expect(row.source == "skanning.png" && row.pageNumber == 1)
        #expect(try store.reviewProgress() == ReviewProgress(recordsVerified: 0, recordsTotal: 2, fieldsLeft: 5))
    }

    @Test func acceptingTheLastFieldVerifiesTheRecordAndAStaleVersionConflicts() throws {
        let (folder, store) = try workspace()
        defer { withExtendedLifetime(folder) {} }
        let sheet = try #require(try store.records().first)
        let name = try #require(sheet.field("handlaggare"))
        let signature = try #require(sheet.field("handlaggare_signatur"))
        let nameID = try #require(name.id), signatureID = try #require(signature.id)
        #expect(
            try store.accept(
                FieldAcceptance(rowID: nameID, version: name.version, value: .text("Anna Bergström")),
                clerk: "anna") == .saved(recordVerified: false))
        #expect(
            try store.accept(
                FieldAcceptance(rowID: signatureID, version: signature.version, value: .signature(true)),
                clerk: "anna") == .saved(recordVerified: true))
        let after = try #require(try store.record(id: sheet.id))
        #expect(after.status == .verified && after.record.verifiedBy == "anna" && after.record.verifiedAt != nil)
        #expect(after.field("handlaggare")?.value == .text("Anna Bergström"))
        #expect(after.field("handlaggare")?.readValue == .text("Anna Berg"), "the reading is kept")
        guard
            case .conflict(let current) = try store.accept(
                FieldAcceptance(rowID: nameID, version: name.version, value: .text("Bo")), clerk: "bo")
        else {
            Issue.record("a stale version must not overwrite")
            return
        }
        #expect(current.value == .text("Anna Bergström"))
        let log = try store.auditEntries()
        #expect(log.map(\.action) == ["correct", "verify", "verify-record"])
        #expect(log.first?.oldValue == "Anna Berg" && log.first?.newValue == "Anna Bergström")
        #expect(try store.verifyAudit() == .intact(entries: 3))
    }

    @Test func changingTheOutageReadsStoredDatesAgain() throws {
        let (folder, store) = try workspace()
        defer { withExtendedLifetime(folder) {} }
        try store.setOutage(
            Outage(
                start: nil, end: CivilDate(year: 2026, month: 10, day: 16), unitFile: nil,
                unitText: nil, recordedBy: "anna"), clerk: "anna")
        #expect(
            try store.recheckDates(
                context: .outage(reference: CivilDate(year: 2026, month: 10, day: 16)!),
                clerk: "anna") == 0, "the same outage changes nothing")
        // An outage a century later: ÅÅMMDD 261015 is read as 2126, and a person must look.
        let later = DecodingContext.outage(reference: CivilDate(year: 2126, month: 10, day: 16)!)
        #expect(try store.recheckDates(context: later, clerk: "anna") == 1)
        let date = try #require(try store.records().last?.field(definition: "beslutsdatum"))
        #expect(date.value == .date(CivilDate(year: 2126, month: 10, day: 15)!) && date.review)
        #expect(date.notes.last?.text == "Läst på nytt mot avbrottets datum: 2026-10-15 blev 2126-10-15.")
        // Five years on, 26 is no year of the outage's: no valid reading is left.
        let gone = DecodingContext.outage(reference: CivilDate(year: 2031, month: 10, day: 16)!)
        #expect(try store.recheckDates(context: gone, clerk: "anna") == 1)
        let invalid = try #require(try store.records().last?.field(definition: "beslutsdatum"))
        #expect(invalid.value == .empty && invalid.hasValidationError)
        #expect(date.readValue == .date(CivilDate(year: 2026, month: 10, day: 15)!), "the reading is kept")
        #expect(try store.auditEntries().contains { $0.action == "recheck" && $0.oldValue == "2026-10-15" })
    }

    @Test func theOutageIsAuditedAndItsEndIsAssumedUntilGiven() throws {
        let (folder, store) = try workspace()
        defer { withExtendedLifetime(folder) {} }
        let assumed = try #require(try store.outageDates())
        #expect(assumed.endAssumed && assumed.end == CivilDate.today())
        let outage = Outage(
            start: CivilDate(year: 2026, month: 10, day: 12), end: CivilDate(year: 2026, month: 10, day: 16),
            unitFile: "enhet.yaml", unitText: "unit: {}", recordedBy: "anna")
        try store.setOutage(outage, clerk: "anna")
        try store.setOutage(outage, clerk: "anna")
        let dates = try #require(try store.outageDates())
        #expect(!dates.endAssumed && dates.days == 5)
        #expect(try store.outage()?.unitText == "unit: {}")
        #expect(
            try store.auditEntries().filter { $0.action == "outage" }.count == 1,
            "an unchanged outage is not logged again")
    }

    @Test(arguments: [0o000, 0o022])
    func theWorkspaceIsOwnerOnlyWhateverTheUmask(mask: Int) throws {
        let old = umask(mode_t(mask))
        defer { umask(old) }
        let (folder, store) = try workspace()
        defer { withExtendedLifetime(folder) {} }
        func mode(_ path: String) throws -> Int {
            try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
        }
        #expect(try mode(store.workspace.root.path) == 0o700)
        #expect(try mode(store.workspace.originals.path) == 0o700)
        for suffix in ["", "-wal", "-shm"]
        where FileManager.default.fileExists(atPath: store.workspace.database.path + suffix) {
            #expect(try mode(store.workspace.database.path + suffix) == 0o600, "utkast.sqlite\(suffix)")
        }
    }
}
