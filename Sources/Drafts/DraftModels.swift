/// What ingest hands the store for one page: the page's outcome and, for an
/// identified page, its records with their fields. Saved in one transaction.
public struct PageDraft: Sendable {
    public enum Status: String, Sendable, CaseIterable {
        case identified, unidentified, duplicate, failed
    }

    public var fileID: Int64
    public var pageNumber: Int
    public var status: Status
    /// Swedish reason for a page that was not identified or not read.
    public var reason: String?
    public var form: String?
    public var formVersion: Int?
    /// The sheet code's payload.
    public var sheet: String?
    public var duplicateOf: Int64?
    public var dpi: Double?
    public var rotation: Int?
    public var scale: Double?
    public var residualMM: Double?
    public var inkSignature: [UInt8]?
    /// A small PNG of the whole page, for review.
    public var preview: [UInt8]?
    public var records: [RecordDraft]

    public init(fileID: Int64, pageNumber: Int, status: Status, reason: String? = nil, form: String? = nil,
                formVersion: Int? = nil, sheet: String? = nil, duplicateOf: Int64? = nil, dpi: Double? = nil,
                rotation: Int? = nil, scale: Double? = nil, residualMM: Double? = nil,
                inkSignature: [UInt8]? = nil, preview: [UInt8]? = nil, records: [RecordDraft] = []) {
        self.fileID = fileID; self.pageNumber = pageNumber; self.status = status; self.reason = reason
        self.form = form; self.formVersion = formVersion; self.sheet = sheet; self.duplicateOf = duplicateOf
        self.dpi = dpi; self.rotation = rotation; self.scale = scale; self.residualMM = residualMM
        self.inkSignature = inkSignature; self.preview = preview; self.records = records
    }
}

/// One filled table row (`row` set) or a sheet's own fields (`row` nil).
public struct RecordDraft: Sendable {
    public var row: Int?
    public var fields: [FieldDraft]
    public init(row: Int?, fields: [FieldDraft]) { self.row = row; self.fields = fields }
}

public struct FieldDraft: Sendable, Equatable {
    /// The layout's field id, e.g. `r01.personnummer`.
    public var fieldID: String
    public var kind: String
    public var pattern: String?
    /// The normalised value (choices as a JSON array), nil when empty or unreadable.
    public var value: String?
    public var confidence: Double
    public var review: Bool
    public var alternatives: [String]
    /// Swedish validation messages.
    public var messages: [String]
    /// PNG of the field's crop.
    public var crop: [UInt8]?

    public init(fieldID: String, kind: String, pattern: String? = nil, value: String?, confidence: Double,
                review: Bool, alternatives: [String] = [], messages: [String] = [], crop: [UInt8]? = nil) {
        self.fieldID = fieldID; self.kind = kind; self.pattern = pattern; self.value = value
        self.confidence = confidence; self.review = review; self.alternatives = alternatives
        self.messages = messages; self.crop = crop
    }
}
