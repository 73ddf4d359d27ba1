/// The geometry of one printed sheet of a form: what the printer draws and
/// where the reader finds every field. All lengths in millimetres from the
/// page's top-left corner, y downwards.
public struct SheetLayout: Sendable {
    public var form: String
    public var version: Int
    public var title: String
    public var label: String?
    public var kind: FormKind
    public var page: Size
    public var frame: PageFrame
    public var fields: [FieldLayout]
    /// Everything printed that is not the sheet frame: labels, grid, boxes.
    public var elements: [Element]
    /// Rows of the table, in order (empty for forms without a table).
    public var rowCount: Int

    public func field(_ id: String) -> FieldLayout? { fields.first { $0.id == id } }
}

public struct FieldLayout: Sendable, Equatable {
    public var id: String
    /// The id of the definition this field comes from (the column id for table rows).
    public var definitionID: String
    public var kind: FieldKind
    public var pattern: DigitPattern?
    public var label: String
    /// The whole area the field may be written in.
    public var rect: Rect
    /// Comb boxes of a digits field, left to right.
    public var boxes: [Rect]
    /// Checkboxes of a choice field.
    public var options: [OptionLayout]
    public var multiple: Bool
    /// The table row (1-based), or nil for a field outside the table.
    public var row: Int?
    public var required: Bool
}

public struct OptionLayout: Sendable, Equatable {
    public var value: String
    public var label: String
    /// The checkbox square.
    public var rect: Rect
}

/// Something the printer draws. Text positions are baselines.
public enum Element: Sendable, Equatable {
    case text(String, at: Point, size: Double, font: FontStyle, align: TextAlignment, grey: Double)
    case line(from: Point, to: Point, width: Double, grey: Double)
    case rect(Rect, lineWidth: Double, grey: Double)
    case filledRect(Rect, grey: Double)
}

public enum FontStyle: String, Sendable, CaseIterable {
    case regular, bold, mono
}

public enum TextAlignment: Sendable {
    case left, center, right
}
