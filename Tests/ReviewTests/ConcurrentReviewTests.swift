import Drafts
import Foundation
import TestSupport
import Testing

@testable import Review

/// Two clerks on the same workspace at once, each with their own database
/// connection pool, as two processes would have: no update is lost.
@Suite(.serialized, .tags(.endToEnd), .enabled(if: TestRun.includesEndToEnd)) struct ConcurrentReviewTests {
    @Test func aStaleUpdateIsRefusedAndShowsTheOtherClerksValue() throws {
        let (folder, ws) = try ReviewFixtures.copy(ReviewFixtures.decisions)
        defer { withExtendedLifetime(folder) {} }
        let anna = try ReviewFixtures.store(ws), bo = try ReviewFixtures.store(ws)
        let layouts = FormLayouts(catalog: nil)
        let first = try ReviewSession(store: anna, clerk: "anna", layouts: layouts, order: .page)
        let second = try ReviewSession(store: bo, clerk: "bo", layouts: layouts, order: .page)
        #expect(first.currentField?.fieldID == "handlaggare" && second.currentField?.fieldID == "handlaggare")

        // Anna corrects the field; Bo, who loaded it before, presses Enter on the old value.
        first.handle(.submit("Karin Ek"))
        second.handle(.enter)
        let message = try #require(second.message)
        #expect(message.tone == .warning)
        #expect(message.text.contains("anna") && message.text.contains("Karin Ek"))
        #expect(second.currentField?.value.canonicalText == "Karin Ek", "the record is reloaded with anna's value")
        let stored = try #require(try bo.records().first { $0.row == nil }?.field("handlaggare"))
        #expect(stored.value.canonicalText == "Karin Ek" && stored.verifiedBy == "anna")

        // Asked again, Bo now corrects it knowingly: his update builds on anna's.
        second.handle(.submit("Karin Eklund"))
        let after = try #require(try anna.records().first { $0.row == nil }?.field("handlaggare"))
        #expect(
            after.value.canonicalText == "Karin Eklund" && after.verifiedBy == "bo"
                && after.version == stored.version + 1)
        let changes = try anna.auditEntries().filter { $0.fieldID == "handlaggare" }
        #expect(changes.map(\.clerk) == ["anna", "bo"])
        #expect(changes.map(\.oldValue) == [nil, "Karin Ek"])
    }

    @Test func theStoreChecksTheVersion() throws {
        let (folder, ws) = try ReviewFixtures.copy(ReviewFixtures.decisions)
        defer { withExtendedLifetime(folder) {} }
        let a = try ReviewFixtures.store(ws), b = try ReviewFixtures.store(ws)
        let field = try #require(try a.records().first { $0.row == 1 }?.field("r01.insats"))
        let fieldID = try #require(field.id)
        #expect(
            try a.accept(FieldAcceptance(rowID: fieldID, version: field.version, value: .text("Hyra")), clerk: "anna")
                == .saved(recordVerified: false))
        guard
            case .conflict(let current) = try b.accept(
                FieldAcceptance(
                    rowID: fieldID, version: field.version,
                    value: .text("Matpengar")), clerk: "bo")
        else {
            Issue.record("a stale version must not overwrite")
            return
        }
        #expect(
            current.value.canonicalText == "Hyra" && current.verifiedBy == "anna"
                && current.version == field.version + 1)
    }

    @Test func twoProcessesAtOnce() throws {
        let (folder, ws) = try ReviewFixtures.copy(ReviewFixtures.decisions)
        defer { withExtendedLifetime(folder) {} }
        let store = try ReviewFixtures.store(ws)
        let one = try TmuxSession(
            command: ReviewFixtures.command(folder, "review --workspace ws --clerk anna --order page"))
        let two = try TmuxSession(
            command: ReviewFixtures.command(folder, "review --workspace ws --clerk bo --order page"))
        one.wait { line($0, "▶").contains("Handläggare") }
        two.wait { line($0, "▶").contains("Handläggare") }
        try one.type("Karin Ek")
        try one.send("Enter")
        one.wait { line($0, "▶").contains("Signatur") }
        try two.send("Enter")
        let screen = two.wait(for: "ändrade nyss")
        #expect(screen.contains("anna ändrade nyss Handläggare till \"Karin Ek\""))
        #expect(try store.records().first { $0.row == nil }?.field("handlaggare")?.value.canonicalText == "Karin Ek")
        try one.send("q")
        try two.send("q")
        #expect(one.wait(for: "AVSLUTAD").contains("AVSLUTAD 0"))
        #expect(two.wait(for: "AVSLUTAD").contains("AVSLUTAD 0"))
    }
}
