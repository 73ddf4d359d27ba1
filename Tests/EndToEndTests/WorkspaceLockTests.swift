import Drafts
import Foundation
import TestSupport
import Testing

/// One destructive writer at a time: purge refuses while a review holds the
/// workspace and names it; a review whose workspace is removed anyway stops
/// and never says that a write landed.
@Suite("the workspace lock", .tags(.endToEnd), .enabled(if: TestRun.includesEndToEnd && toolExists("tmux")))
struct WorkspaceLockTests {
    static let reservblankett = RepositoryPaths.sampleScans.appendingPathComponent("06-reservblankett-tid.png").path

    func workspace(in dir: TemporaryDirectory) throws -> String {
        let workspace = dir.file("ws")
        let ingest = try ingestDuringSampleOutage(workspace: workspace, [Self.reservblankett])
        try #require(ingest.status == 0, "\(ingest.errorText)")
        return workspace
    }

    func review(_ workspace: String, clerk: String) throws -> TmuxSession {
        try TmuxSession(
            command: "'\(RepositoryPaths.executable.path)' review --workspace '\(workspace)' --clerk \(clerk); "
                + "echo \"AVSLUTAD $?\"; sleep 600", width: 120, height: 40)
    }

    @Test func purgeRefusesWhileAReviewRunsAndNamesIt() throws {
        let dir = try TemporaryDirectory(prefix: "las")
        let workspace = try workspace(in: dir)
        let tmux = try review(workspace, clerk: "anna")
        defer { tmux.kill() }
        tmux.wait(for: "▶")

        let purge = try runAvbrott(["purge", "--workspace", workspace, "--force", "--reason", "Övning"])
        #expect(purge.status == 1)
        #expect(purge.errorText.contains("Arbetsytan används just nu: granskning av anna"), "\(purge.errorText)")
        #expect(FileManager.default.fileExists(atPath: workspace + "/utkast.sqlite"), "nothing was removed")

        // Ingest and status share the lock with the review.
        let status = try runAvbrott(["status", "--workspace", workspace])
        #expect(status.status == 0, "\(status.errorText)")

        // Once the review has ended, purge goes ahead.
        try tmux.send("F10")
        tmux.wait(for: "AVSLUTAD 0")
        let after = try runAvbrott([
            "purge", "--workspace", workspace, "--force", "--reason", "Övning", "--receipt", dir.file("kvitto.pdf"),
        ])
        #expect(after.status == 0, "\(after.errorText)")
        #expect(!FileManager.default.fileExists(atPath: workspace + "/utkast.sqlite"))
    }

    @Test func aReviewWhoseWorkspaceIsRemovedStopsAndSaysNothingWasSaved() throws {
        let dir = try TemporaryDirectory(prefix: "borta")
        let workspace = try workspace(in: dir)
        let tmux = try review(workspace, clerk: "bo")
        defer { tmux.kill() }
        tmux.wait(for: "▶")

        // Removed behind the lock's back (rm -rf, not purge); then a value is typed and saved.
        try FileManager.default.removeItem(atPath: workspace)
        try tmux.type("Maria Sedsson")
        try tmux.send("Enter")
        let screen = tmux.wait(for: "AVSLUTAD")
        #expect(screen.contains("AVSLUTAD 1"), "\(screen)")
        #expect(screen.contains("finns inte längre"), "\(screen)")
        #expect(!screen.contains("Sparat"), "\(screen)")
    }

    @Test func aPlainReviewWhoseWorkspaceIsRemovedFailsToo() throws {
        let dir = try TemporaryDirectory(prefix: "borta-rad")
        let workspace = try workspace(in: dir)
        // The workspace goes away between two answers: a script removes it, then answers.
        let script = dir.file("granska.sh")
        try """
        #!/bin/sh
        { sleep 1; rm -rf '\(workspace)'; printf 'Maria Sedsson\\nq\\n'; } | \
        '\(RepositoryPaths.executable.path)' review --plain --workspace '\(workspace)' --clerk bo
        """.write(toFile: script, atomically: true, encoding: .utf8)
        let output = try runTool("/bin/sh", [script])
        #expect(output.status == 1)
        #expect(output.errorText.contains("finns inte längre"), "\(output.errorText)")
        #expect(!output.text.contains("Sparat"), "\(output.text)")
        #expect(!output.text.contains("Godkänt"), "\(output.text)")
    }
}
