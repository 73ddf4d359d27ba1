import Foundation

/// The published JSON shape of a sheet's geometry (`avbrott forms layout ID --json`).
/// Outside tools rely on it: keys may be added, never renamed or removed.
public struct LayoutDocument: Encodable {
    public var form: String
    public var version: Int
    public var title: String
    public var page: Size
    public var fields: [Field]
    public var marks: [Rect]
    public var code: Rect
    public var rows: Int

    public struct Field: Encodable {
        public var id: String
        public var kind: FieldKind
        public var pattern: DigitPattern?
        public var label: String
        public var row: Int?
        public var rect: Rect
        public var boxes: [Rect]?
        public var options: [Option]?
        public var multiple: Bool?

        enum CodingKeys: String, CodingKey { case id, kind, pattern, label, row, rect, boxes, options, multiple }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(kind, forKey: .kind)
            try c.encodeIfPresent(pattern, forKey: .pattern)
            try c.encode(label, forKey: .label)
            try c.encodeIfPresent(row, forKey: .row)
            try c.encode(rect, forKey: .rect)
            try c.encodeIfPresent(boxes, forKey: .boxes)
            try c.encodeIfPresent(options, forKey: .options)
            try c.encodeIfPresent(multiple, forKey: .multiple)
        }
    }

    public struct Option: Encodable {
        public var value: String
        public var label: String
        public var rect: Rect
    }

    public init(_ layout: SheetLayout) {
        form = layout.form
        version = layout.version
        title = layout.title
        page = layout.page
        marks = layout.frame.marks.map(\.rounded)
        code = layout.frame.code.rounded
        rows = layout.rowCount
        fields = layout.fields.map { f in
            Field(
                id: f.id, kind: f.kind, pattern: f.pattern, label: f.label, row: f.row, rect: f.rect.rounded,
                boxes: f.kind == .digits ? f.boxes.map(\.rounded) : nil,
                options: f.kind == .choice
                    ? f.options.map { Option(value: $0.value, label: $0.label, rect: $0.rect.rounded) } : nil,
                multiple: f.kind == .choice ? f.multiple : nil)
        }
    }

    public func json(pretty: Bool = false) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .withoutEscapingSlashes] : [.withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
