import Drafts
import Foundation
import TestSupport
import Testing

@testable import Review

/// The review screen in tmux at 80 × 24, 100 × 30 and 200 × 60: everything a
/// clerk needs fits, nothing doubtful passes with Enter, an unreadable field
/// can be said so, the crop can fill the screen, the record's list is reachable,
/// colour goes with NO_COLOR, and coming back keeps the numbering.
@Suite(.tags(.endToEnd), .enabled(if: TestRun.includesEndToEnd && toolExists("tmux")))
struct ReviewSizesTests {
    static let sizes = [(80, 24), (100, 30), (200, 60)]

    func start(_ folder: TemporaryDirectory, width: Int, height: Int, environment: String = "") throws -> TmuxSession {
        try TmuxSession(
            command: ReviewFixtures.command(
                folder, "review --workspace ws --clerk anna --order flagged", environment: environment),
            width: width, height: height)
    }

    @Test(arguments: sizes)
    func everythingFitsAndNothingDoubtfulPassesWithEnter(width: Int, height: Int) throws {
        let (folder, ws) = try ReviewFixtures.copy(ReviewFixtures.fiveHandwrittenNames)
        defer { withExtendedLifetime(folder) {} }
        let store = try ReviewFixtures.store(ws)
        let tmux = try start(folder, width: width, height: height)
        var screen = tmux.wait(for: "Skriv av värdet")
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(rows.count <= height)
        #expect(rows.allSatisfy { $0.count <= width }, "no row wider than the screen")
        // The place, the field with its reading and doubt, the crop, the prompt and the keys.
        #expect(line(screen, "Post ").contains("rad "))
        #expect(line(screen, "Namn:").contains("osäker tolkning"))
        let cropRows = rows.filter { $0.contains("▀") }.count
        #expect(cropRows >= (height >= 40 ? 10 : 8), "a crop of at least 8 rows: \(cropRows)\n\(screen)")
        #expect(screen.contains("# oläsligt"))
        #expect(screen.contains("q avsluta"))

        // Enter alone is refused on a doubted name; nothing is stored.
        try tmux.send("Enter")
        screen = tmux.wait(for: "Tolkningen är osäker")
        #expect(try store.records().flatMap(\.fields).filter(\.verified).isEmpty)

        // The crop across the whole screen, and back.
        try tmux.send("*")
        screen = tmux.wait(for: "valfri tangent går tillbaka")
        // A name cut down to its writing already takes the whole width; the zoom is never smaller.
        #expect(screen.split(separator: "\n").filter { $0.contains("▀") }.count >= cropRows, "\(screen)")
        try tmux.send("Escape")
        tmux.wait(for: "Skriv av värdet")

        // The record's fields: beside the crop on a tall screen, a view of its own (F8) on a small one.
        if height < ScreenRenderer.tallScreen {
            try tmux.send("F8")
            screen = tmux.wait(for: "Postens fält")
        }
        screen = tmux.wait { $0.contains("Arbetsplats") }
        #expect(screen.contains("Arbetsplats"), "\(screen)")
        if height < ScreenRenderer.tallScreen {
            try tmux.send("F8")
            tmux.wait { !$0.contains("Postens fält") }
        }

        // Unreadable: stored empty, verified, the record marked for follow-up naming the field.
        let place = line(tmux.screen(), "Post ")
        let row = try #require((1...5).first { place.contains("rad \($0),") })
        try tmux.send("#")
        screen = tmux.wait(for: "markerat oläsligt")
        let record = try #require(try store.records().first { $0.row == row })
        let name = try #require(record.field("r\(String(format: "%02d", row)).namn"))
        #expect(name.verified && name.value == .empty && name.verifiedBy == "anna")
        #expect(record.followUp && (record.comment ?? "").contains("Oläsligt: Namn"))
        #expect(try runAvbrott(["audit", "--verify", "--workspace", ws]).status == 0)

        try tmux.send("q")
        #expect(tmux.wait(for: "AVSLUTAD").contains("AVSLUTAD 0"))
    }

    @Test func noColourWithNO_COLORAndTheNumberingKeptOnReturn() throws {
        let (folder, _) = try ReviewFixtures.copy(ReviewFixtures.fiveHandwrittenNames)
        defer { withExtendedLifetime(folder) {} }
        var tmux = try start(folder, width: 100, height: 30, environment: "NO_COLOR=1")
        tmux.wait(for: "Skriv av värdet")
        let painted = tmux.screen(escapes: true)
        let colours = try Regex("\u{1b}\\[([0-9;]*;)?(3[0-8]|4[0-8]|9[0-7]|10[0-7])[;m]")
        #expect(
            !painted.contains(colours),
            "no colour with NO_COLOR: \(painted.matches(of: colours).prefix(5).map { painted[$0.range].debugDescription })"
        )
        #expect(painted.contains("\u{1b}[7m") || painted.contains("\u{1b}[1m"), "bold and reverse stay")

        // Three fields on, then out and back in: the same place and the same numbers.
        try tmux.type("Åsa Berg")
        try tmux.send("Enter")
        tmux.wait(for: "Rättat")
        try tmux.send("PageDown")
        try tmux.send("Tab")
        usleep(500_000)
        let before = String(line(tmux.screen(), "Post ").prefix { $0 != "(" })
        #expect(before.hasPrefix("Post "))
        try tmux.send("q")
        tmux.wait(for: "AVSLUTAD")
        tmux.kill()
        tmux = try start(folder, width: 100, height: 30)
        let after = String(line(tmux.wait(for: "Fortsätter där du slutade"), "Post ").prefix { $0 != "(" })
        #expect(after == before)
    }
}
