import Foundation
import TestSupport
import Testing

/// A binder printed before a form changed is still read, by the layout it was printed with.
@Suite(.serialized, .tags(.endToEnd), .enabled(if: TestRun.includesEndToEnd))
struct FormVersionTests {
    /// Forms as after a change to bilaga 4 (version 2, a wider "Annat, vad" column),
    /// with version 1 kept in `versions/` when `keepEarlier`.
    func changedForms(in dir: TemporaryDirectory, keepEarlier: Bool) throws -> String {
        let forms = dir.file("Forms")
        try FileManager.default.copyItem(atPath: RepositoryPaths.forms.path, toPath: forms)
        let v1 = try String(contentsOfFile: forms + "/bilaga-4.yaml", encoding: .utf8)
        let v2 = v1.replacingOccurrences(of: "version: 1", with: "version: 2")
            .replacingOccurrences(
                of: "{id: annat, label: \"Annat, vad\", kind: text, width: 24}",
                with: "{id: annat, label: \"Annat, vad\", kind: text, width: 34}")
        #expect(v2 != v1 && v2.contains("width: 34"))
        try v2.write(toFile: forms + "/bilaga-4.yaml", atomically: true, encoding: .utf8)
        if keepEarlier {
            try FileManager.default.createDirectory(atPath: forms + "/versions", withIntermediateDirectories: true)
            try v1.write(toFile: forms + "/versions/bilaga-4-v1.yaml", atomically: true, encoding: .utf8)
        }
        return forms
    }

    @Test func aSheetOfTheEarlierVersionIsReadByItsOwnLayout() throws {
        let dir = try TemporaryDirectory()
        let forms = try changedForms(in: dir, keepEarlier: true)
        // Printed and filled in with today's forms, where bilaga 4 is version 1.
        let scans = try FilledSheets.make(form: "bilaga-4", in: dir.path) { _, id in
            switch id {
            case "r01.datum": return "261013"
            case "r01.namn": return "Testa Testsson"
            case "r01.personnummer": return "8501011236"
            default: return nil
            }
        }
        let out = try ingestDuringSampleOutage(workspace: dir.file("ws"), scans, extra: ["--forms", forms])
        #expect(out.status == 0, "\(out.errorText)")
        #expect(out.text.contains("1 identifierad"), "\(out.text)")
        let export = try runAvbrott(["export", "--workspace", dir.file("ws"), "--forms", forms])
        let json = try #require(try JSONSerialization.jsonObject(with: export.stdout) as? [String: Any])
        let records = try #require(json["records"] as? [[String: Any]])
        #expect(records.contains { ($0["row"] as? Int) == 1 && $0["form"] as? String == "bilaga-4" })

        // The version names what it reads.
        let version = try runAvbrott(["--version"], input: "", environment: ["AVBROTT_FORMS": forms])
        #expect(version.text.contains("bilaga-4 v2 (läser även v1)"), "\(version.text)")

        // Without the earlier version kept, the sheet is refused and the message says where it belongs.
        let other = try TemporaryDirectory()
        let without = try changedForms(in: other, keepEarlier: false)
        let refused = try ingestDuringSampleOutage(workspace: other.file("ws"), scans, extra: ["--forms", without])
        #expect(refused.status != 0)
        #expect(refused.errorText.contains("Forms/versions/"), "\(refused.errorText)")
    }
}
