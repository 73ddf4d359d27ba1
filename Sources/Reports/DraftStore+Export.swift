import Drafts
import FormKit
import Foundation
import Haru

/// The workspace as outside tools read it (`avbrott export --format json`).
/// The shape is fixed: see the README's export section.
public struct ExportDocument: Codable, Sendable, Equatable {
    public struct Page: Codable, Sendable, Equatable {
        public var source: String
        public var page: Int
        /// identified, unidentified or duplicate (a page that failed is unidentified, with its reason).
        public var status: String
        public var form: String?
        public var sheet: String?
        public var reason: String?
        /// Identified with nothing written on it (a blank sheet, an instruction page): no records.
        public var blank: Bool
        /// The print scale measured from the registration marks (1 = 100 %), when registered.
        public var scale: Double?
    }

    public struct Record: Codable, Sendable, Equatable {
        public var id: Int64
        public var source: String
        public var page: Int
        public var sheet: String?
        public var form: String
        public var row: Int?
        public var status: String
        public var verifiedBy: String?
        /// Everyone who verified the record or one of its fields (a later correction by another clerk too).
        public var verifiers: [String]
        public var verifiedAt: String?
        public var registeredAt: String?
        public var registeredBy: String?
        public var registeredSystem: String?
        /// Where and by when the record must be registered (nil when it is not registered anywhere).
        public var system: String?
        public var due: String?
        public var followUp: Bool
        public var comment: String?
        public var fields: [String: Field]

        enum CodingKeys: String, CodingKey {
            case id, source, page, sheet, form, row, status, fields, system, due, comment, verifiers
            case verifiedBy = "verified_by", verifiedAt = "verified_at", registeredAt = "registered_at"
            case registeredBy = "registered_by", registeredSystem = "registered_system", followUp = "follow_up"
        }

        // Keep explicit nulls: outside tools expect every key.
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(source, forKey: .source)
            try c.encode(page, forKey: .page)
            try c.encode(sheet, forKey: .sheet)
            try c.encode(form, forKey: .form)
            try c.encode(row, forKey: .row)
            try c.encode(status, forKey: .status)
            try c.encode(verifiedBy, forKey: .verifiedBy)
            try c.encode(verifiers, forKey: .verifiers)
            try c.encode(verifiedAt, forKey: .verifiedAt)
            try c.encode(registeredAt, forKey: .registeredAt)
            try c.encode(registeredBy, forKey: .registeredBy)
            try c.encode(registeredSystem, forKey: .registeredSystem)
            try c.encode(system, forKey: .system)
            try c.encode(due, forKey: .due)
            try c.encode(followUp, forKey: .followUp)
            try c.encode(comment, forKey: .comment)
            try c.encode(fields, forKey: .fields)
        }
    }

    public struct Field: Codable, Sendable, Equatable {
        public var value: Value
        public var confidence: Double
        public var review: Bool
        public var alternatives: [String]
        public var messages: [String]
    }

    /// Choices as the chosen option values, signatures as booleans, the rest as strings.
    public enum Value: Codable, Sendable, Equatable {
        case text(String)
        case choices([String])
        case flag(Bool)
        case empty

        public func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .text(let s): try c.encode(s)
            case .choices(let list): try c.encode(list)
            case .flag(let b): try c.encode(b)
            case .empty: try c.encodeNil()
            }
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() {
                self = .empty
            } else if let b = try? c.decode(Bool.self) {
                self = .flag(b)
            } else if let list = try? c.decode([String].self) {
                self = .choices(list)
            } else {
                self = .text(try c.decode(String.self))
            }
        }
    }

    public var pages: [Page]
    public var records: [Record]

    private enum CodingKeys: String, CodingKey { case pages, records }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(pages, forKey: .pages)
        try c.encode(records, forKey: .records)
    }
}

extension ExportDocument.Page {
    public func encode(to encoder: Encoder) throws {
        enum K: String, CodingKey { case source, page, status, form, sheet, reason, blank, scale }
        var c = encoder.container(keyedBy: K.self)
        try c.encode(blank, forKey: .blank)
        try c.encode(scale, forKey: .scale)
        try c.encode(source, forKey: .source)
        try c.encode(page, forKey: .page)
        try c.encode(status, forKey: .status)
        try c.encode(form, forKey: .form)
        try c.encode(sheet, forKey: .sheet)
        try c.encode(reason, forKey: .reason)
    }
}

extension ExportDocument.Field {
    /// A stored field in the export's typed form.
    init(_ field: DraftField) {
        let value: ExportDocument.Value
        switch (field.kind, field.value) {
        case (.choice, let v): value = .choices(v.chosen)
        case (.signature, .signature(let present)): value = .flag(present)
        case (_, let v): value = v.canonicalText.map { .text($0) } ?? .empty
        }
        // Three decimals say all a reader needs and keep the file readable.
        self.init(
            value: value, confidence: (field.confidence * 1000).rounded() / 1000,
            review: field.review && !field.verified,
            alternatives: field.alternatives.compactMap(\.canonicalText), messages: field.notes.map(\.text))
    }
}

extension DraftStore {
    /// Everything in the workspace in the export's shape, with each record's
    /// deadline computed from `forms` and the outage's end.
    public func exportDocument(forms: [FormDefinition], unit: UnitType) throws -> ExportDocument {
        let summary = try StatusSummary(store: self, forms: forms, unit: unit)
        let deadlines = Dictionary(summary.deadlines.map { ($0.record.id, $0) }, uniquingKeysWith: { a, _ in a })
        let pages = summary.pages.map { p in
            ExportDocument.Page(
                source: p.source, page: p.pageNumber,
                status: p.status == .failed ? "unidentified" : p.status.rawValue,
                form: p.form, sheet: p.sheet, reason: p.reason, blank: p.blank,
                scale: p.scale.map { ($0 * 1000).rounded() / 1000 })
        }
        let records = summary.records.map { r in
            let deadline = deadlines[r.id]
            return ExportDocument.Record(
                id: r.id, source: r.source, page: r.pageNumber, sheet: r.sheet, form: r.form, row: r.row,
                status: r.status.rawValue, verifiedBy: r.record.verifiedBy, verifiers: r.verifiers,
                verifiedAt: r.record.verifiedAt.map { ISO8601DateFormatter().string(from: $0) },
                registeredAt: r.record.registeredAt?.description, registeredBy: r.record.registeredBy,
                registeredSystem: r.record.registeredSystem,
                system: deadline?.system, due: summary.outage == nil ? nil : deadline?.dueText,
                followUp: r.followUp, comment: r.comment,
                fields: Dictionary(
                    r.fields.map { ($0.fieldID, ExportDocument.Field($0)) }, uniquingKeysWith: { a, _ in a }))
        }
        return ExportDocument(pages: pages, records: records)
    }

    /// The export as pretty-printed JSON with sorted keys (stable between runs).
    public func exportJSON(forms: [FormDefinition], unit: UnitType) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(try exportDocument(forms: forms, unit: unit))
        data.append(0x0A)
        return data
    }
}
