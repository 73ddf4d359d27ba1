import Drafts
import Foundation
import TestSupport
import Testing

@testable import Review

/// The real `avbrott review` in a 200 × 60 tmux window over a really ingested workspace.
@Suite(.serialized, .tags(.endToEnd), .enabled(if: TestRun.includesEndToEnd)) struct ReviewScreenTests {
    @Test func acceptCorrectDoubleEntryFollowUpAndQuit() throws {
        let (folder, ws) = try ReviewFixtures.copy(ReviewFixtures.decisions)
        defer { withExtendedLifetime(folder) {} }
        let store = try ReviewFixtures.store(ws)
        let row1 = try #require(try store.records().first { $0.row == 1 })
        let personnummer = try #require(row1.field("r01.personnummer"))
        #expect(FieldRules.needsDoubleEntry(personnummer), "an invalid check digit must leave the reader unsure")
        let first = "450101-1235", other = "780315-4561"
        try #require(
            personnummer.value.canonicalText != "19450101-1235" && personnummer.value.canonicalText != "19780315-4561")

        let tmux = try TmuxSession(
            command: ReviewFixtures.command(folder, "review --workspace ws --clerk anna --order page"))
        var screen = tmux.wait(for: "▶")
        #expect(screen.contains("Post 1 av 3"))
        #expect(screen.contains("Verifierade poster: 0 av 3"))
        #expect(line(screen, "▶").contains("Handläggare"))

        // Enter accepts the sheet's two fields: the record becomes verified.
        try tmux.send("Enter")
        screen = tmux.wait { line($0, "▶").contains("Signatur") }
        try tmux.send("Enter")
        screen = tmux.wait { line($0, "▶").contains("Klientens namn") }
        let sheet = try #require(try store.records().first { $0.row == nil })
        #expect(sheet.status == .verified && sheet.record.verifiedBy == "anna" && sheet.record.verifiedAt != nil)
        #expect(sheet.fields.allSatisfy { $0.verified && $0.verifiedBy == "anna" })
        #expect(screen.contains("Verifierade poster: 1 av 3"))

        // Row 1: the name (typed when the reading was doubted: Enter alone would not take it),
        // then the personnummer must be typed blind.
        let name = try #require(row1.field("r01.namn"))
        if FieldRules.mustType(name) {
            try tmux.send("Enter")
            tmux.wait(for: "Tolkningen är osäker")
            try tmux.type("Anna Exempelsson")
        }
        try tmux.send("Enter")
        screen = tmux.wait { line($0, "▶").contains("Personnummer") }
        #expect(screen.contains("dubbelinmatning"))
        if let draft = personnummer.value.canonicalText {
            #expect(!screen.contains(draft), "the draft value is hidden")
        }

        // Two different entries: a mismatch is refused, nothing is stored.
        try tmux.type(first)
        try tmux.send("Enter")
        screen = tmux.wait(for: "en gång till")
        try tmux.type(other)
        try tmux.send("Enter")
        screen = tmux.wait(for: "Inmatningarna skiljer sig")
        #expect(try store.record(id: row1.id)?.field("r01.personnummer")?.verified == false)

        // The same value twice decides.
        try tmux.type(first)
        try tmux.send("Enter")
        tmux.wait(for: "en gång till")
        try tmux.type(first)
        try tmux.send("Enter")
        screen = tmux.wait { line($0, "▶").contains("Ändamål") }
        let stored = try #require(try store.record(id: row1.id)?.field("r01.personnummer"))
        #expect(stored.value.canonicalText == "19450101-1235" && stored.verified && stored.verifiedBy == "anna")

        // A wrong date is refused with its reason, a right one is stored.
        try tmux.send("Tab")
        try tmux.send("Tab")
        screen = tmux.wait { line($0, "▶").contains("Beslutsdatum") }
        try tmux.type("261399")
        screen = tmux.wait(for: "✗")
        try tmux.send("Enter")
        #expect(try store.record(id: row1.id)?.field("r01.beslutsdatum")?.verified == false)
        try tmux.send("Escape")
        try tmux.type("261016")
        screen = tmux.wait(for: "✓ giltigt: 2026-10-16")
        try tmux.send("Enter")
        screen = tmux.wait(for: "Beslutsdatum = 2026-10-16")
        let date = try #require(try store.record(id: row1.id)?.field("r01.beslutsdatum"))
        #expect(date.value.canonicalText == "2026-10-16" && date.verified)

        // Follow-up with a comment.
        try tmux.send("F2")
        tmux.wait(for: "Kommentar för uppföljning")
        try tmux.type("Beslutet saknar underskrift")
        try tmux.send("Enter")
        // Marked to be finished later: the screen goes on with the next record.
        screen = tmux.wait(for: "Posten är markerad för uppföljning: Beslutet saknar underskrift")
        #expect(!line(screen, "Post ").contains("UPPFÖLJNING"), "the next record is shown")
        let marked = try #require(try store.record(id: row1.id))
        #expect(marked.followUp && marked.comment == "Beslutet saknar underskrift")

        // The whole page, and back; the order switch.
        try tmux.send("F3")
        screen = tmux.wait(for: "Hela sidan")
        try tmux.send("Escape")
        tmux.wait { !$0.contains("Hela sidan") && $0.contains("▶") }
        try tmux.send("F4")
        tmux.wait(for: "Ordning: flaggade först")

        try tmux.send("q")
        screen = tmux.wait(for: "AVSLUTAD")
        #expect(screen.contains("AVSLUTAD 0"))

        let actions = try store.auditEntries().filter { $0.clerk == "anna" }
        #expect(actions.contains { $0.action == "verify-record" && $0.recordID == sheet.id })
        #expect(
            actions.contains {
                $0.action == "correct" && $0.fieldID == "r01.personnummer"
                    && $0.newValue == "19450101-1235" && ($0.note ?? "").contains("dubbelinmatning")
            })
        #expect(actions.contains { $0.action == "follow-up" && $0.newValue == "Beslutet saknar underskrift" })
        #expect(try store.verifyAudit() == .intact(entries: try store.auditEntries().count))

        // A record marked for follow-up is not registered until the mark is resolved.
        let register = try runAvbrott(["register", "--workspace", ws, "--record", "\(row1.id)", "--clerk", "anna"])
        #expect(register.status == 1)
        #expect(
            register.errorText.contains("markerad för uppföljning") && register.errorText.contains("saknar underskrift")
        )
        #expect(try store.record(id: row1.id)?.status != .registered)
    }

    @Test func killedMidwayLosesNothingAndResumes() throws {
        let (folder, ws) = try ReviewFixtures.copy(ReviewFixtures.decisions)
        defer { withExtendedLifetime(folder) {} }
        let store = try ReviewFixtures.store(ws)
        var tmux: TmuxSession? = try TmuxSession(
            command: ReviewFixtures.command(folder, "review --workspace ws --clerk bo --order page"))
        tmux?.wait(for: "▶")
        try tmux?.send("Enter")  // accepts Handläggare
        tmux?.wait { line($0, "▶").contains("Signatur") }
        try tmux?.send("Tab")  // on to row 1
        tmux?.wait { line($0, "▶").contains("Klientens namn") }
        tmux?.kill()  // the terminal goes away
        tmux = nil

        let sheet = try #require(try store.records().first { $0.row == nil })
        #expect(sheet.field("handlaggare")?.verifiedBy == "bo")
        #expect(sheet.field("handlaggare_signatur")?.verified == false)
        let position = try #require(try store.position(clerk: "bo"))
        #expect(position.fieldID == "r01.namn" && position.order == "page", "\(position)")

        let again = try TmuxSession(command: ReviewFixtures.command(folder, "review --workspace ws --clerk bo"))
        let screen = again.wait { $0.contains("▶") && $0.contains("Fortsätter där du slutade") }
        #expect(screen.contains("Fortsätter där du slutade"), "\(screen)")
        #expect(line(screen, "▶").contains("Klientens namn"), "\(screen)")
        #expect(screen.contains("rad 1"), "\(screen)")
        #expect(screen.contains("Ordning: sidordning"), "\(screen)")
        try again.send("q")
        let end = again.wait(for: "AVSLUTAD")
        #expect(end.contains("AVSLUTAD 0"), "\(end)")
    }

    @Test func refusesWithoutATerminal() throws {
        let (folder, ws) = try ReviewFixtures.copy(ReviewFixtures.decisions)
        defer { withExtendedLifetime(folder) {} }
        let piped = try runAvbrott(["review", "--workspace", ws, "--clerk", "anna"], input: "")
        #expect(piped.status != 0)
        #expect(piped.errorText.contains("terminal") && piped.errorText.contains("--plain"))

        let tmux = try TmuxSession(
            command: ReviewFixtures.command(
                folder, "review --workspace ws --clerk anna",
                environment: "TERM=dumb"))
        let screen = tmux.wait(for: "AVSLUTAD")
        #expect(screen.contains("TERM=dumb") && screen.contains("AVSLUTAD 1"))
    }

    @Test func plainModeThroughAPipeAndAuditVerification() throws {
        let (folder, ws) = try ReviewFixtures.copy(ReviewFixtures.decisions)
        defer { withExtendedLifetime(folder) {} }
        let store = try ReviewFixtures.store(ws)
        let result = try runAvbrott(
            ["review", "--plain", "--workspace", ws, "--clerk", "pia", "--order", "page"],
            input: "\nja\n!Ring handläggaren\nq\n")
        #expect(result.status == 0, "\(result.errorText)")
        #expect(result.text.contains("Fält: Handläggare"))
        #expect(result.text.contains("Godkänt: Handläggare"))
        #expect(result.text.contains("Rättat: Signatur = underskrift finns"))
        #expect(result.text.contains("markerad för uppföljning: Ring handläggaren"))
        let sheet = try #require(try store.records().first { $0.row == nil })
        #expect(sheet.status == .verified && sheet.record.verifiedBy == "pia")
        let row1 = try #require(try store.records().first { $0.row == 1 })
        #expect(row1.followUp && row1.comment == "Ring handläggaren")

        let listing = try runAvbrott(["audit", "--workspace", ws])
        #expect(listing.status == 0 && listing.text.contains("pia\tverify-record"))
        let intact = try runAvbrott(["audit", "--verify", "--workspace", ws])
        #expect(intact.status == 0 && intact.text.contains("obruten"))

        // Someone edits the log behind the tool's back.
        try runToolChecked(
            "sqlite3",
            [
                ws + "/utkast.sqlite",
                "DROP TRIGGER audit_append_only_update; UPDATE audit SET new_value = 'false' WHERE id = 2;",
            ])
        let broken = try runAvbrott(["audit", "--verify", "--workspace", ws])
        #expect(broken.status != 0)
        #expect(broken.errorText.contains("bruten vid post 2"))
    }
}

/// The screen line holding `marker`.
func line(_ screen: String, _ marker: String) -> String {
    screen.split(separator: "\n").first { $0.contains(marker) }.map(String.init) ?? ""
}
