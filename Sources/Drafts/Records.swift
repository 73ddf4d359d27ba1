import Assessment
import FormKit
import Foundation
import GRDB

/// A scan file read into the workspace (or refused, with its reason).
public struct ScanFile: Codable, Sendable, Equatable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "scan_file"
    public var id: Int64?
    public var sha256: String
    /// The file's name as given (escaped when it was not UTF-8).
    public var name: String
    /// Where the copy is kept, relative to the workspace.
    public var stored: String?
    /// Set once the file has been read to its end.
    public var pageCount: Int?
    /// Why the file could not be read at all.
    public var error: String?
    public var importedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, sha256, name, stored, error
        case pageCount = "page_count", importedAt = "imported_at"
    }

    public init(sha256: String, name: String, stored: String?, error: String?, importedAt: Date) {
        self.sha256 = sha256
        self.name = name
        self.stored = stored
        self.error = error
        self.importedAt = importedAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

public enum PageStatus: String, Codable, Sendable, CaseIterable {
    case identified, unidentified, duplicate, failed
}

/// One page of a scan file as stored, with its preview and ink fingerprint.
public struct ScannedPage: Codable, Sendable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "page"
    public var id: Int64?
    public var fileID: Int64
    public var pageNumber: Int
    public var status: PageStatus
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
    public var inkSignature: Data?
    /// A small PNG of the whole page, for review.
    public var preview: Data?
    public var processedAt: Date
    /// Nothing is written on it (a blank sheet, an instruction page, a list printed filled in):
    /// identified and kept, with no records.
    public var blank = false

    enum CodingKeys: String, CodingKey {
        case id, status, reason, form, sheet, dpi, rotation, scale, preview, blank
        case fileID = "file_id", pageNumber = "page_number", formVersion = "form_version"
        case duplicateOf = "duplicate_of", residualMM = "residual_mm", inkSignature = "ink_signature"
        case processedAt = "processed_at"
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    static let file = belongsTo(ScanFile.self, using: ForeignKey(["file_id"]))
}

public enum RecordStatus: String, Codable, Sendable, CaseIterable {
    case draft, verified, registered
}

/// A draft: one filled table row (`row` set) or a sheet's own fields (`row` nil).
public struct DraftRecord: Codable, Sendable, Equatable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "record"
    public var id: Int64?
    public var pageID: Int64
    public var form: String
    public var row: Int?
    public var status: RecordStatus
    public var verifiedBy: String?
    public var verifiedAt: Date?
    /// The day the record was registered in its system.
    public var registeredAt: CivilDate?
    public var registeredBy: String?
    public var registeredSystem: String?
    public var followUp: Bool
    public var comment: String?

    enum CodingKeys: String, CodingKey {
        case id, form, row, status, comment
        case pageID = "page_id", verifiedBy = "verified_by", verifiedAt = "verified_at"
        case registeredAt = "registered_at", registeredBy = "registered_by"
        case registeredSystem = "registered_system", followUp = "follow_up"
    }

    public init(pageID: Int64, form: String, row: Int?) {
        self.pageID = pageID
        self.form = form
        self.row = row
        status = .draft
        followUp = false
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    static let fields = hasMany(DraftField.self, using: ForeignKey(["record_id"]))
    static let page = belongsTo(ScannedPage.self, using: ForeignKey(["page_id"]))
}

/// One field of a draft: its value as read and as it is now, the
/// assessment's verdict, and who verified it.
public struct DraftField: Sendable, Equatable, Identifiable {
    public var id: Int64?
    public var recordID: Int64
    /// The layout's field id, e.g. `r01.personnummer`.
    public var fieldID: String
    public var kind: FieldKind
    public var pattern: DigitPattern?
    public var value: FieldValue
    /// The value as first read (or typed at entry).
    public var readValue: FieldValue
    public var confidence: Double
    /// Whether a person must look at it (the assessment's verdict, kept after verification).
    public var review: Bool
    public var alternatives: [FieldValue]
    public var boxReadings: [String]
    public var notes: [FieldNote]
    /// The PNG crop; only set on a field about to be stored (reads leave it out).
    public var crop: Data?
    public var hasCrop: Bool
    public var verified: Bool
    public var verifiedBy: String?
    public var verifiedAt: Date?
    /// Bumped on every change: updates check it (two clerks at once).
    public var version: Int

    /// A field as ingest or entry hands it to the store.
    public init(fieldID: String, kind: FieldKind, pattern: DigitPattern?, assessment: FieldAssessment, crop: Data?) {
        self.recordID = 0
        self.fieldID = fieldID
        self.kind = kind
        self.pattern = pattern
        value = assessment.value
        readValue = assessment.value
        confidence = assessment.confidence
        review = assessment.needsReview
        alternatives = assessment.alternatives
        boxReadings = assessment.boxReadings
        notes = assessment.notes
        self.crop = crop
        hasCrop = crop != nil
        verified = false
        version = 0
    }

    /// The layout id without the row prefix: `r03.personnummer` → `personnummer`.
    public var definitionID: String { FieldIDs.definitionID(fieldID) }

    public var hasValidationError: Bool { notes.contains { $0.kind == .invalid } }

    /// The notes' texts, as a person reads them.
    public var messages: [String] { notes.map(\.text) }
}

extension DraftField: Codable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "field"

    enum CodingKeys: String, CodingKey {
        case id, kind, pattern, value, confidence, review, alternatives, notes, crop, verified, version
        case recordID = "record_id", fieldID = "field_id", readValue = "read_value", boxReadings = "box_readings"
        case hasCrop = "has_crop", verifiedBy = "verified_by", verifiedAt = "verified_at"
    }

    /// Every column but the crop, and whether there is one: what reads fetch.
    static var withoutCrop: [any SQLSelectable] {
        [.allColumns(excluding: ["crop"]), (Column("crop") != nil).forKey(CodingKeys.hasCrop.rawValue)]
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(Int64.self, forKey: .id)
        recordID = try c.decode(Int64.self, forKey: .recordID)
        fieldID = try c.decode(String.self, forKey: .fieldID)
        kind = try c.decode(FieldKind.self, forKey: .kind)
        pattern = try c.decodeIfPresent(DigitPattern.self, forKey: .pattern)
        let (kind, pattern, name) = (self.kind, self.pattern, self.fieldID)
        func decodeValue(_ key: CodingKeys) throws -> FieldValue {
            do {
                return try FieldValue(
                    canonicalText: c.decodeIfPresent(String.self, forKey: key), kind: kind, pattern: pattern)
            } catch {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "\(name): \(error)")
            }
        }
        value = try decodeValue(.value)
        readValue = try decodeValue(.readValue)
        confidence = try c.decode(Double.self, forKey: .confidence)
        review = try c.decode(Bool.self, forKey: .review)
        alternatives = try c.decode([String].self, forKey: .alternatives).compactMap {
            try? FieldValue(canonicalText: $0, kind: kind, pattern: pattern)
        }
        boxReadings = try c.decode([String].self, forKey: .boxReadings)
        notes = try c.decode([FieldNote].self, forKey: .notes)
        crop = try c.decodeIfPresent(Data.self, forKey: .crop)
        hasCrop = try c.decodeIfPresent(Bool.self, forKey: .hasCrop) ?? (crop != nil)
        verified = try c.decode(Bool.self, forKey: .verified)
        verifiedBy = try c.decodeIfPresent(String.self, forKey: .verifiedBy)
        verifiedAt = try c.decodeIfPresent(Date.self, forKey: .verifiedAt)
        version = try c.decode(Int.self, forKey: .version)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(id, forKey: .id)
        try c.encode(recordID, forKey: .recordID)
        try c.encode(fieldID, forKey: .fieldID)
        try c.encode(kind, forKey: .kind)
        try c.encode(pattern, forKey: .pattern)
        try c.encode(value.canonicalText, forKey: .value)
        try c.encode(readValue.canonicalText, forKey: .readValue)
        try c.encode(confidence, forKey: .confidence)
        try c.encode(review, forKey: .review)
        try c.encode(alternatives.compactMap(\.canonicalText), forKey: .alternatives)
        try c.encode(boxReadings, forKey: .boxReadings)
        try c.encode(notes, forKey: .notes)
        try c.encode(crop, forKey: .crop)
        try c.encode(verified, forKey: .verified)
        try c.encode(verifiedBy, forKey: .verifiedBy)
        try c.encode(verifiedAt, forKey: .verifiedAt)
        try c.encode(version, forKey: .version)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// Where a clerk left off, to resume there.
public struct ClerkPosition: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "clerk_position"
    public var clerk: String
    public var recordID: Int64?
    public var fieldID: String?
    public var order: String?

    enum CodingKeys: String, CodingKey {
        case clerk
        case recordID = "record_id", fieldID = "field_id", order = "order_mode"
    }

    public init(clerk: String, recordID: Int64?, fieldID: String?, order: String?) {
        self.clerk = clerk
        self.recordID = recordID
        self.fieldID = fieldID
        self.order = order
    }
}

/// Layout field ids of table rows carry the row: `r03.personnummer`.
public enum FieldIDs {
    /// The field's definition id: `r03.personnummer` → `personnummer`.
    public static func definitionID(_ fieldID: String) -> String {
        guard fieldID.hasPrefix("r"), let dot = fieldID.firstIndex(of: "."),
            fieldID[fieldID.index(after: fieldID.startIndex)..<dot].allSatisfy(\.isNumber)
        else { return fieldID }
        return String(fieldID[fieldID.index(after: dot)...])
    }
}
