import Drafts
import Foundation
import TestSupport

/// Workspaces made by really printing, filling in and ingesting sheets, once
/// per test run; each test works on its own copy.
enum ReviewFixtures {
    /// Personnummer written on row 1: the check digit is wrong, so the reader
    /// cannot be sure of it and the field needs double entry.
    static let unreadablePersonnummer = "1212121213"

    /// A bilaga-3 sheet with two decisions.
    static let decisions: Result<String, any Error> = Result {
        try master("decisions") { dir in
            let rows = [
                1: [
                    "namn": "Anna Exempelsson", "personnummer": unreadablePersonnummer, "insats": "Matpengar",
                    "beslutsfattare": "K. Chefsson", "beslutsdatum": "261016",
                ],
                2: [
                    "namn": "Bo Påhittad", "personnummer": "4501011235", "insats": "Hyra",
                    "beslutsfattare": "K. Chefsson", "beslutsdatum": "261012",
                ],
            ]
            return try FilledSheets.make(form: "bilaga-3", in: dir) { _, id in
                let parts = id.split(separator: ".")
                guard parts.count == 2, let row = Int(parts[0].dropFirst()) else { return nil }
                return rows[row]?[String(parts[1])]
            }
        }
    }

    /// Two bilaga-2 sheets, every one of their 20 rows filled in clearly (typed names and workplaces).
    static let twentyClearRows: Result<String, any Error> = Result {
        try master("clear-rows") { dir in
            let names = [
                "Anna Berg", "Per Holm", "Eva Lund", "Olle Strand", "Karin Ek",
                "Lars Dahl", "Maria Sand", "Nils Berg", "Sara Lind", "Jan Nord",
            ]
            return try FilledSheets.make(form: "bilaga-2", copies: 2, in: dir) { page, id in
                let parts = id.split(separator: ".")
                guard parts.count == 2, let row = Int(parts[0].dropFirst()) else { return nil }
                switch parts[1] {
                case "namn": return names[(row - 1 + page) % names.count]
                case "arbetsplats": return "Kontoret"
                default: return nil
                }
            }
        }
    }

    /// Names written by hand on rows 1–5 of a bilaga-2 sheet (rows 6–10 typed).
    static let handwrittenNames = ["Åsa Berg", "Per Holm", "Eva Lund", "Olle Ek", "Karin Dahl"]

    /// A bilaga-2 sheet: ten rows with a workplace, five names written in a handwriting font
    /// the reader is unsure of, five typed.
    static let fiveHandwrittenNames: Result<String, any Error> = Result {
        try master("handwritten-names") { dir in
            let typed = ["Lars Sand", "Maria Nord", "Nils Strand", "Sara Lind", "Jan Berg"]
            return try FilledSheets.make(
                form: "bilaga-2", in: dir,
                handwritten: { id in
                    id.hasSuffix(".namn") && (Int(id.dropFirst().prefix(2)) ?? 99) <= 5
                }
            ) { _, id in
                let parts = id.split(separator: ".")
                guard parts.count == 2, let row = Int(parts[0].dropFirst()) else { return nil }
                switch parts[1] {
                case "namn": return row <= 5 ? handwrittenNames[row - 1] : typed[row - 6]
                case "arbetsplats": return "Kontoret"
                default: return nil
                }
            }
        }
    }

    private static func master(_ name: String, scans: (String) throws -> [String]) throws -> String {
        let dir = try SharedFixtures.subfolder("review-\(name)")
        let files = try scans(dir)
        let ingest = try ingestDuringSampleOutage(workspace: dir + "/ws", files)
        guard ingest.status == 0 else { throw ToolError(description: "ingest: \(ingest.errorText)") }
        return dir + "/ws"
    }

    /// A fresh copy of a master workspace, in its own folder (as `ws`).
    static func copy(_ master: Result<String, any Error>) throws -> (folder: TemporaryDirectory, workspace: String) {
        let folder = try TemporaryDirectory(prefix: "review")
        let target = folder.file("ws")
        try FileManager.default.copyItem(atPath: try master.get(), toPath: target)
        return (folder, target)
    }

    static func store(_ path: String) throws -> DraftStore {
        try DraftStore(workspace: try Workspace(path: path, create: false))
    }

    /// The shell command that runs `avbrott` in tmux and keeps the window after it ends.
    static func command(_ folder: TemporaryDirectory, _ arguments: String, environment: String = "") -> String {
        // The test runner may set NO_COLOR for itself: the screen gets only what the test gives it.
        "cd '\(folder.path)' && env -u NO_COLOR \(environment) '\(RepositoryPaths.executable.path)' \(arguments); "
            + "echo \"AVSLUTAD $?\"; sleep 600"
    }
}
