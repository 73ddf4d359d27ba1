/// What the store holds, as read back for status, export and review.
public struct StoredPage: Sendable, Equatable {
    public var id: Int64
    public var source: String
    public var pageNumber: Int
    public var status: PageDraft.Status
    public var reason: String?
    public var form: String?
    public var sheet: String?
    public var duplicateOf: Int64?
}

public enum RecordStatus: String, Sendable, CaseIterable {
    case draft, verified, registered
}

public struct StoredRecord: Sendable, Equatable {
    public var id: Int64
    public var pageID: Int64
    public var source: String
    public var pageNumber: Int
    public var sheet: String?
    public var form: String
    public var row: Int?
    public var status: RecordStatus
    public var verifiedBy: String?
    public var verifiedAt: String?
    public var registeredAt: String?
    public var registeredBy: String?
    public var registeredSystem: String?
    public var followUp: Bool
    public var comment: String?
    public var processedAt: String
    public var fields: [StoredField]

    /// The field with layout id `id`.
    public func field(_ id: String) -> StoredField? { fields.first { $0.fieldID == id } }
}

public struct StoredField: Sendable, Equatable {
    public var id: Int64
    public var fieldID: String
    public var kind: String
    public var pattern: String?
    public var value: String?
    public var readValue: String?
    public var confidence: Double
    public var review: Bool
    public var alternatives: [String]
    public var messages: [String]
    public var verified: Bool
    public var verifiedBy: String?
    public var verifiedAt: String?
    public var version: Int
    public var hasCrop: Bool
}
