import Foundation
import TestSupport
import Testing

/// Someone with the database file in hand edits it behind the tool's back:
/// `audit --verify` finds every edit and fails.
struct Tampering: Sendable, CustomTestStringConvertible {
    let name: String
    /// SQL run on the workspace's database with the sqlite3 command.
    let sql: String
    /// Whether `--expect` is given the head written down before the edit.
    var withHead = false
    let finds: [String]

    var testDescription: String { name }

    static let dropTriggers = "DROP TRIGGER audit_append_only_update; DROP TRIGGER audit_append_only_delete;"

    static let cases: [Tampering] = [
        Tampering(
            name: "a logged value changed",
            sql: dropTriggers + "UPDATE audit SET new_value = 'Eva Annan' WHERE id = 2;",
            finds: ["bruten vid post 2", "innehåll har ändrats"]),
        Tampering(
            name: "an entry deleted", sql: dropTriggers + "DELETE FROM audit WHERE id = 6;",
            finds: ["bruten vid post 7", "tagits bort eller flyttats"]),
        Tampering(
            name: "two entries swapped",
            sql: dropTriggers
                + "UPDATE audit SET id = -5 WHERE id = 5; UPDATE audit SET id = 5 WHERE id = 6; "
                + "UPDATE audit SET id = 6 WHERE id = -5;",
            finds: ["bruten vid post 5"]),
        Tampering(
            name: "the last entries deleted, against a head written down",
            sql: dropTriggers + "DELETE FROM audit WHERE id > (SELECT max(id) - 2 FROM audit);", withHead: true,
            finds: ["innehåller inte hashen"]),
        Tampering(
            name: "a verified value changed in the data", sql: "UPDATE field SET value = 'Eva Annan' WHERE id = 1;",
            finds: ["post 1, handlaggare", "värdet är Eva Annan, men loggen slutar med"]),
        Tampering(
            name: "a field marked verified in the data",
            sql: "UPDATE field SET verified = 1, verified_by = 'Mallory' WHERE verified = 0 AND id = "
                + "(SELECT min(id) FROM field WHERE verified = 0);",
            finds: ["markerat granskat utan att loggen säger av vem"]),
        Tampering(
            name: "a record's status changed in the data",
            sql: "UPDATE record SET status = 'registered' WHERE id = 1;",
            finds: ["post 1: status registered, men loggen säger"]),
        Tampering(
            name: "a reviewed record deleted from the data",
            sql: "DELETE FROM field WHERE record_id = 2; DELETE FROM record WHERE id = 2;",
            finds: ["post 2: loggen nämner posten, men den finns inte längre"]),
        Tampering(
            name: "the append-only triggers dropped", sql: dropTriggers,
            finds: ["skyddet audit_append_only_update saknas", "skyddet audit_append_only_delete saknas"]),
    ]
}

@Suite(
    "audit --verify finds tampering", .tags(.endToEnd),
    .enabled(if: TestRun.includesEndToEnd && toolExists("sqlite3")))
struct AuditTamperingTests {
    /// A bilaga 3 sheet, ingested and reviewed in the plain mode: the page's sure fields accepted
    /// together, three doubted ones marked unreadable, the rest left unverified.
    static let reviewed: Result<String, any Error> = Result {
        let workspace = try SharedFixtures.subfolder("granskad") + "/ws"
        let scan = RepositoryPaths.sampleScans.appendingPathComponent("02-bilaga-3-blad2.png").path
        let ingest = try ingestDuringSampleOutage(workspace: workspace, [scan])
        guard ingest.status == 0 else { throw ToolError(description: ingest.errorText) }
        let review = try runAvbrott(
            ["review", "--plain", "--workspace", workspace, "--clerk", "Test Person"],
            input: "+\nj\n#\n#\n#\nq\n")
        guard review.status == 0 else { throw ToolError(description: review.errorText) }
        return workspace
    }

    @Test func anUntouchedLogVerifies() throws {
        let verify = try runAvbrott(["audit", "--verify", "--workspace", try Self.reviewed.get()])
        #expect(verify.status == 0, "\(verify.errorText)")
        #expect(verify.text.contains("Kedjan är obruten"))
        #expect(verify.text.contains("Loggen stämmer med varje fält och post"))
    }

    @Test(arguments: Tampering.cases)
    func tamperingIsFound(_ tampering: Tampering) throws {
        let dir = try TemporaryDirectory(prefix: "manipulerad")
        let workspace = dir.file("ws")
        try FileManager.default.copyItem(atPath: try Self.reviewed.get(), toPath: workspace)
        let head = try runAvbrott(["audit", "--head", "--workspace", workspace])
        let hash = try #require(head.text.split(separator: " ").last).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(hash.count == 64)

        try runToolChecked("sqlite3", [workspace + "/utkast.sqlite", tampering.sql])
        let verify = try runAvbrott(
            ["audit", "--verify", "--workspace", workspace] + (tampering.withHead ? ["--expect", hash] : []))
        #expect(verify.status == 1, "\(tampering.name): \(verify.text)")
        for words in tampering.finds {
            #expect(verify.errorText.contains(words), "\(tampering.name): no \"\(words)\" in \(verify.errorText)")
        }
    }
}
