import Assessment
import Drafts
import FormKit
import Foundation
import Raster
import Recognition

/// Compares what ingest stored with a ground truth (`SampleScans/truth.json`,
/// written by `SampleScans/generate.py`): page identification, and per field
/// kind the share read right, the share sent to review, and the share that is
/// wrong without being sent to review — the worst kind of error.
public struct TruthComparison: Sendable {
    public struct Tally: Sendable {
        public var fields = 0
        public var correct = 0
        public var flagged = 0
        public var wrongUnflagged = 0
        public var deliberateErrors = 0
        public var deliberateErrorsFlagged = 0

        public var accuracy: Double { fields == 0 ? 0 : Double(correct) / Double(fields) }
        public var flaggedShare: Double { fields == 0 ? 0 : Double(flagged) / Double(fields) }
        public var wrongUnflaggedShare: Double { fields == 0 ? 0 : Double(wrongUnflagged) / Double(fields) }
    }

    public var formPages = 0
    public var identifiedRight = 0
    public var otherPages = 0
    public var otherPagesRight = 0
    public var tallies: [String: Tally] = [:]
    /// Examples of wrong values that were not flagged, for the report.
    public var unflaggedExamples: [String] = []

    public var total: Tally {
        tallies.values.reduce(into: Tally()) { sum, t in
            sum.fields += t.fields
            sum.correct += t.correct
            sum.flagged += t.flagged
            sum.wrongUnflagged += t.wrongUnflagged
            sum.deliberateErrors += t.deliberateErrors
            sum.deliberateErrorsFlagged += t.deliberateErrorsFlagged
        }
    }

    struct Truth: Decodable {
        struct Page: Decodable {
            var file: String
            var page: Int
            var kind: String
            var form: String?
            var sheetID: String?
            var duplicateOf: Ref?
            var filledRows: [Int]?
            var fields: [String: JSONValue]?
            var errors: [ErrorNote]?

            enum CodingKeys: String, CodingKey {
                case file, page, kind, form, fields, errors
                case sheetID = "sheet_id", duplicateOf = "duplicate_of", filledRows = "filled_rows"
            }
        }
        struct Ref: Decodable {
            var file: String
            var page: Int
        }
        struct ErrorNote: Decodable { var field: String }
        var pages: [Page]
    }

    enum JSONValue: Decodable, Equatable {
        case null, bool(Bool), string(String), number(Double), list([String])

        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() {
                self = .null
            } else if let b = try? c.decode(Bool.self) {
                self = .bool(b)
            } else if let s = try? c.decode(String.self) {
                self = .string(s)
            } else if let n = try? c.decode(Double.self) {
                self = .number(n)
            } else {
                self = .list(try c.decode([String].self))
            }
        }

        /// The value as the store normalises it.
        var stored: String? {
            switch self {
            case .null: return nil
            case .bool(let b): return b ? "true" : "false"
            case .string(let s): return s
            case .number(let n): return n == n.rounded() ? String(Int(n)) : String(n)
            case .list(let l): return l.isEmpty ? nil : FieldValue.choices(l).canonicalText
            }
        }
    }

    public init(truthFile: URL, store: DraftStore) throws {
        let truth = try JSONDecoder().decode(Truth.self, from: Data(contentsOf: truthFile))
        let pages = try store.pages()
        let records = try store.records()
        for page in truth.pages {
            let stored = pages.first { $0.source == page.file && $0.pageNumber == page.page }
            guard page.kind == "form" else {
                otherPages += 1
                if stored?.status == .unidentified { otherPagesRight += 1 }
                continue
            }
            formPages += 1
            let expectedStatus: PageStatus = page.duplicateOf == nil ? .identified : .duplicate
            guard let stored, stored.status == expectedStatus, stored.sheet == page.sheetID else { continue }
            identifiedRight += 1
            guard expectedStatus == .identified else { continue }
            let onPage = records.filter { $0.pageID == stored.id }
            let deliberate = Set(page.errors?.map(\.field) ?? [])
            let filled = Set(page.filledRows ?? [])
            for (id, value) in page.fields ?? [:] {
                let row = Self.row(of: id)
                if let row, !filled.contains(row) { continue }
                let field = onPage.first { $0.row == row }?.field(id)
                let kind = field.map(Self.kindName) ?? "saknas"
                var tally = tallies[kind, default: Tally()]
                tally.fields += 1
                let read = field?.value.canonicalText
                let right = Self.same(read, value.stored, kind: field?.kind)
                let review = field?.review ?? true
                if review { tally.flagged += 1 }
                if deliberate.contains(id) {
                    tally.deliberateErrors += 1
                    if review { tally.deliberateErrorsFlagged += 1 }
                } else if right {
                    tally.correct += 1
                } else if !review {
                    tally.wrongUnflagged += 1
                    if unflaggedExamples.count < 20 {
                        unflaggedExamples.append(
                            "\(page.file) \(id): läst \(read ?? "tomt"), rätt \(value.stored ?? "tomt")")
                    }
                }
                tallies[kind] = tally
            }
        }
    }

    static func row(of id: String) -> Int? {
        guard id.hasPrefix("r"), let dot = id.firstIndex(of: ".") else { return nil }
        return Int(id[id.index(after: id.startIndex)..<dot])
    }

    static func kindName(_ f: DraftField) -> String {
        f.kind == .digits ? "digits/\((f.pattern ?? .number).rawValue)" : f.kind.rawValue
    }

    static func same(_ read: String?, _ truth: String?, kind: FieldKind?) -> Bool {
        if read == truth { return true }
        if kind == .signature { return (read ?? "false") == (truth ?? "false") }
        guard let read, let truth, kind == .text else { return false }
        return read.trimmingCharacters(in: .whitespaces) == truth.trimmingCharacters(in: .whitespaces)
    }
}
