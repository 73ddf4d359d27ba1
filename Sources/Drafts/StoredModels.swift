import FormKit
import Foundation
import GRDB

/// A page as status, export and review list it: no images.
public struct StoredPage: Decodable, Sendable, Equatable, FetchableRecord {
    public var id: Int64
    /// The scan file's name.
    public var source: String
    public var pageNumber: Int
    public var status: PageStatus
    public var reason: String?
    public var form: String?
    public var sheet: String?
    public var duplicateOf: Int64?
    public var dpi: Double?
    /// The print scale measured from the registration marks (1 = 100 %).
    public var scale: Double?
    /// Identified with nothing written on it: no records (`ScannedPage.blank`).
    public var blank: Bool

    enum CodingKeys: String, CodingKey {
        case id, source, status, reason, form, sheet, dpi, scale, blank
        case pageNumber = "page_number", duplicateOf = "duplicate_of"
    }

    static var request: QueryInterfaceRequest<StoredPage> {
        ScannedPage
            .select(
                Column("id"), Column("page_number"), Column("status"), Column("reason"), Column("form"),
                Column("sheet"), Column("duplicate_of"), Column("dpi"), Column("scale"), Column("blank")
            )
            .annotated(withRequired: ScannedPage.file.select(Column("name").forKey("source")))
            .asRequest(of: StoredPage.self)
    }
}

/// A draft with its fields and where its paper is: what review, status,
/// export and registration work on.
public struct StoredRecord: Decodable, Sendable, Equatable, FetchableRecord {
    public struct Place: Decodable, Sendable, Equatable {
        public var pageNumber: Int
        public var sheet: String?
        public var processedAt: Date
        public var source: String

        enum CodingKeys: String, CodingKey {
            case sheet, source
            case pageNumber = "page_number", processedAt = "processed_at"
        }
    }

    public var record: DraftRecord
    public var place: Place
    public var fields: [DraftField]

    public var id: Int64 { record.id ?? 0 }
    public var pageID: Int64 { record.pageID }
    public var form: String { record.form }
    public var row: Int? { record.row }
    public var status: RecordStatus { record.status }
    public var followUp: Bool { record.followUp }
    public var comment: String? { record.comment }
    /// The scan file's name.
    public var source: String { place.source }
    public var pageNumber: Int { place.pageNumber }
    public var sheet: String? { place.sheet }

    /// The field with layout id `id`.
    public func field(_ id: String) -> DraftField? { fields.first { $0.fieldID == id } }

    /// Everyone who verified the record or one of its fields, the first verifier first,
    /// then in the order they verified (a second clerk's correction shows beside the first).
    public var verifiers: [String] {
        var names: [String] = record.verifiedBy.map { [$0] } ?? []
        for field in fields.filter(\.verified).sorted(by: {
            ($0.verifiedAt ?? .distantPast) < ($1.verifiedAt ?? .distantPast)
        }) {
            if let name = field.verifiedBy, !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// The field defined as `definitionID` (the column id for a table row).
    public func field(definition definitionID: String) -> DraftField? {
        fields.first { $0.definitionID == definitionID }
    }

    /// The value of the field defined as `definitionID`, `.empty` when there is none.
    public func value(_ definitionID: String) -> FieldValue { field(definition: definitionID)?.value ?? .empty }

    static func request(_ filter: (QueryInterfaceRequest<DraftRecord>) -> QueryInterfaceRequest<DraftRecord>)
        -> QueryInterfaceRequest<StoredRecord>
    {
        filter(DraftRecord.all())
            .including(all: DraftRecord.fields.select(DraftField.withoutCrop).order(Column("id")).forKey("fields"))
            .including(
                required: DraftRecord.page
                    .select(Column("page_number"), Column("sheet"), Column("processed_at"))
                    .annotated(withRequired: ScannedPage.file.select(Column("name").forKey("source")))
                    .forKey("place")
            )
            .asRequest(of: StoredRecord.self)
    }

    /// Page order: file, page, the sheet's own fields before its rows, row.
    static func inPageOrder(_ a: StoredRecord, _ b: StoredRecord) -> Bool {
        (a.source, a.pageNumber, a.row ?? 0, a.id) < (b.source, b.pageNumber, b.row ?? 0, b.id)
    }
}
