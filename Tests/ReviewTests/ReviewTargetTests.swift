import Drafts
import FormKit
import Foundation
import TestSupport
import Testing

@testable import Review

/// The targets: keystrokes for a clearly written page, and redraw time.
@Suite(.serialized, .tags(.endToEnd), .enabled(if: TestRun.includesEndToEnd)) struct ReviewTargetTests {
    /// Twenty clearly written rows (two bilaga-2 sheets; no form has twenty rows on one sheet).
    @Test func twentyConfidentRowsInFewKeystrokes() throws {
        let (folder, ws) = try ReviewFixtures.copy(ReviewFixtures.twentyClearRows)
        defer { withExtendedLifetime(folder) {} }
        let store = try ReviewFixtures.store(ws)
        let records = try store.records()
        #expect(records.filter { $0.row != nil }.count == 20)
        let unsure = records.flatMap(\.fields).filter {
            FieldRules.needsAttention($0) || FieldRules.needsDoubleEntry($0)
        }
        #expect(unsure.isEmpty, "every field should have been read confidently: \(unsure.map(\.fieldID))")

        let tmux = try TmuxSession(command: ReviewFixtures.command(folder, "review --workspace ws --clerk anna"))
        tmux.wait(for: "▶")
        var keystrokes = 0
        for page in 1...2 {
            try tmux.send("+")
            keystrokes += 1
            tmux.wait(for: "(j/n)")
            try tmux.send("j")
            keystrokes += 1
            tmux.wait(for: "Verifierade poster: \(page * records.count / 2) av \(records.count)")
            try #require(!tmux.screen().contains("Tolkningen är osäker"))
        }
        try tmux.send("q")
        keystrokes += 1
        #expect(tmux.wait(for: "AVSLUTAD").contains("AVSLUTAD 0"))
        #expect(try store.records().allSatisfy { $0.status == .verified && $0.record.verifiedBy == "anna" })
        #expect(try store.reviewProgress().fieldsLeft == 0)
        print("Tangenttryck för 20 säkert lästa rader (2 sidor): \(keystrokes)")
        #expect(keystrokes <= 25)
    }

    /// Five names written by hand (a handwriting font the reader cannot be sure of) and five typed, on one page.
    @Test func aPageWithFiveFlaggedNamesTakesTheirTyping() throws {
        let (folder, ws) = try ReviewFixtures.copy(ReviewFixtures.fiveHandwrittenNames)
        defer { withExtendedLifetime(folder) {} }
        let store = try ReviewFixtures.store(ws)
        let flagged = try store.records().flatMap(\.fields).filter { $0.fieldID.hasSuffix(".namn") && $0.review }
        #expect(flagged.count == 5, "the five handwritten names are flagged: \(flagged.map(\.fieldID))")

        let tmux = try TmuxSession(
            command: ReviewFixtures.command(folder, "review --workspace ws --clerk anna --order flagged"), width: 100,
            height: 30)
        tmux.wait(for: "Skriv av värdet")
        var keystrokes = 0
        // Enter alone does not accept a doubted name.
        try tmux.send("Enter")
        keystrokes += 1
        tmux.wait(for: "Tolkningen är osäker")
        for _ in 0..<5 {
            // The row being reviewed, from the record line ("… sida 1, rad 3 · …").
            let screen = tmux.wait { line($0, "Namn:").contains("Namn:") }
            let place = line(screen, "Post ")
            let row = try #require(
                (1...5).first { place.contains("rad \($0),") }, "a flagged name of rows 1–5 comes first: \(screen)")
            let name = ReviewFixtures.handwrittenNames[row - 1]
            try tmux.type(name)
            try tmux.send("Enter")
            keystrokes += name.count + 1
            tmux.wait { !line($0, "Post ").contains("rad \(row),") }
        }
        try tmux.send("+")
        tmux.wait(for: "(j/n)")
        try tmux.send("j")
        keystrokes += 2
        tmux.wait(for: "verifierade 11 av 11")
        try tmux.send("q")
        keystrokes += 1
        #expect(tmux.wait(for: "AVSLUTAD").contains("AVSLUTAD 0"))
        let names = try store.records().compactMap { $0.field(definition: "namn")?.value.canonicalText }
        for name in ReviewFixtures.handwrittenNames { #expect(names.contains(name)) }
        let typed = ReviewFixtures.handwrittenNames.map(\.count).reduce(0, +)
        print("Tangenttryck för en sida med fem flaggade namn: \(keystrokes) (varav \(typed) bokstäver i namnen)")
        #expect(keystrokes == typed + 5 + 1 + 2 + 1)
    }

    /// Every size, every way of drawing images: a redraw after a key stays under 16 ms.
    @Test(arguments: [(80, 24), (100, 30), (200, 60)])
    func redrawsInUnder16Milliseconds(width: Int, height: Int) throws {
        let (folder, ws) = try ReviewFixtures.copy(ReviewFixtures.decisions)
        defer { withExtendedLifetime(folder) {} }
        let store = try ReviewFixtures.store(ws)
        let session = try ReviewSession(
            store: store, clerk: "anna",
            layouts: FormLayouts(catalog: try FormCatalog(directory: RepositoryPaths.forms)),
            order: .page)
        let kinds: [TerminalCapabilities] = [
            TerminalCapabilities(graphics: .text, colour: .trueColour),
            TerminalCapabilities(graphics: .text, colour: .palette256),
            TerminalCapabilities(graphics: .text, colour: nil),
            TerminalCapabilities(graphics: .sixel, colour: .trueColour, cell: (10, 20)),
            TerminalCapabilities(graphics: .kitty, colour: .trueColour, cell: (10, 20)),
        ]
        for capabilities in kinds {
            let renderer = ScreenRenderer(capabilities: capabilities)
            var cold: [Double] = [], warm: [Double] = []
            for _ in 0..<session.items.count {
                // A field not drawn before.
                cold.append(measure { _ = renderer.frame(session, width: width, height: height) })
                session.handle(.char("1"))  // a key: the input line changes
                warm.append(measure { _ = renderer.frame(session, width: width, height: height) })
                session.handle(.escape)
                session.handle(.tab)
            }
            let frame = renderer.frame(session, width: width, height: height)
            print(
                String(
                    format:
                        "Omritning %d×%d (%@, %@): ny bild högst %.1f ms (median %.1f), samma fält högst %.1f ms (median %.1f), %d byte",
                    width, height, capabilities.graphics.rawValue,
                    "\(capabilities.colour.map { "\($0)" } ?? "ingen färg")",
                    cold.max() ?? 0, median(cold), warm.max() ?? 0, median(warm), frame.utf8.count))
            #expect((warm.max() ?? 0) < 16, "\(width)×\(height) \(capabilities.graphics)")
        }
    }

    func measure(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    }

    func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
}
