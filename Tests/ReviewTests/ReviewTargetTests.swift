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
        }
        try tmux.send("q")
        keystrokes += 1
        #expect(tmux.wait(for: "AVSLUTAD").contains("AVSLUTAD 0"))
        #expect(try store.records().allSatisfy { $0.status == .verified && $0.record.verifiedBy == "anna" })
        #expect(try store.reviewProgress().fieldsLeft == 0)
        print("Tangenttryck för 20 säkert lästa rader (2 sidor): \(keystrokes)")
        #expect(keystrokes <= 25)
    }

    @Test func redrawsA200By60ScreenInUnder50Milliseconds() throws {
        let (folder, ws) = try ReviewFixtures.copy(ReviewFixtures.decisions)
        defer { withExtendedLifetime(folder) {} }
        let store = try ReviewFixtures.store(ws)
        let session = try ReviewSession(
            store: store, clerk: "anna",
            layouts: FormLayouts(catalog: try FormCatalog(directory: RepositoryPaths.forms)),
            order: .page)
        for depth in [ColourDepth.trueColour, .palette256] {
            let renderer = ScreenRenderer(depth: depth)
            var cold: [Double] = [], warm: [Double] = []
            for _ in 0..<session.items.count {
                // A field not drawn before.
                cold.append(measure { _ = renderer.frame(session, width: 200, height: 60) })
                session.handle(.char("1"))  // a key: the input line changes
                warm.append(measure { _ = renderer.frame(session, width: 200, height: 60) })
                session.handle(.escape)
                session.handle(.tab)
            }
            let frame = renderer.frame(session, width: 200, height: 60)
            print(
                String(
                    format:
                        "Omritning 200×60 (%@): ny bild högst %.1f ms (median %.1f), samma fält högst %.1f ms (median %.1f), %d byte",
                    "\(depth)", cold.max() ?? 0, median(cold), warm.max() ?? 0, median(warm), frame.utf8.count))
            #expect((cold.max() ?? 0) < 50)
            #expect((warm.max() ?? 0) < 50)
        }
    }

    func measure(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    }

    func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
}
