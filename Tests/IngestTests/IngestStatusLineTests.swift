import Foundation
import TestSupport
import Testing

/// On a terminal ingest keeps one status line under the lines per page, and
/// removes it before the summary; in a pipe there is none (every other ingest test).
@Suite(.tags(.endToEnd), .enabled(if: TestRun.includesEndToEnd && toolExists("tmux")))
struct IngestStatusLineTests {
    @Test func aStatusLineWhileReadingAndNoneAfter() throws {
        let dir = try TemporaryDirectory()
        let samples = RepositoryPaths.sampleScans.path
        let command =
            "cd '\(dir.path)' && '\(RepositoryPaths.executable.path)' outage --workspace ws --start 2026-10-12 "
            + "--end 2026-10-16 > /dev/null && '\(RepositoryPaths.executable.path)' ingest --workspace ws "
            + "'\(samples)'/0[1-9]-* ; echo \"AVSLUTAD $?\"; sleep 600"
        let tmux = try TmuxSession(command: command, width: 80, height: 24)
        let during = tmux.wait { $0.contains("Läser in:") || $0.contains("AVSLUTAD") }
        #expect(during.contains("Läser in:") && during.contains("sidor klara (fil"), "\(during)")
        let rows = during.split(separator: "\n")
        #expect(rows.allSatisfy { $0.count <= 80 })
        let after = tmux.wait(for: "AVSLUTAD")
        #expect(after.contains("Inläsning klar") && !after.contains("Läser in:"), "\(after)")
        #expect(after.contains(".jpg sida 1: "), "the lines per page stay above")
    }
}
