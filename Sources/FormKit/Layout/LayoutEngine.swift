/// Turns a `FormDefinition` into the `SheetLayout` of one printed sheet.
///
/// The only place where coordinates are computed: the printer draws the
/// result's elements and the reader looks for the result's fields.
public enum LayoutEngine {
    public static func layout(_ form: FormDefinition) throws -> SheetLayout {
        let page = Paper.a4(form.orientation)
        let frame = PageFrame(page: page)

        // Pass 1: the height of every block, with "fill" blocks at their minimum.
        var heights: [Double] = []
        for (index, block) in form.blocks.enumerated() {
            var scratch = SheetBuilder(form: form, frame: frame)
            heights.append(try scratch.place(block, index: index, at: 0, fill: nil))
        }
        let gaps = LayoutStyle.blockGap * Double(max(0, form.blocks.count - 1))
        let available = frame.contentBottom - frame.contentTop
        let spare = available - heights.reduce(0, +) - gaps
        guard spare >= -0.01 else {
            throw DefinitionError(
                file: form.sourceFile, line: nil, path: "blocks",
                message: "innehållet är \(Int(-spare.rounded(.down))) mm för högt för sidan")
        }

        // Pass 2: place the blocks for real; a "fill" block takes the spare height.
        var builder = SheetBuilder(form: form, frame: frame)
        builder.header()
        var y = frame.contentTop
        for (index, block) in form.blocks.enumerated() {
            let fill = block.fills ? heights[index] + spare : nil
            let used = try builder.place(block, index: index, at: y, fill: fill)
            y += used + LayoutStyle.blockGap
        }
        return SheetLayout(
            form: form.id, version: form.version, title: form.title, label: form.label,
            kind: form.kind, page: page, frame: frame, fields: builder.fields,
            elements: builder.elements, rowCount: builder.rowCount)
    }
}

extension Block {
    var fills: Bool {
        switch self {
        case .table(let t): return t.rows == .fill
        case .lines(let l): return l.count == .fill
        default: return false
        }
    }
}

/// Accumulates the elements and fields of one sheet.
struct SheetBuilder {
    let form: FormDefinition
    let frame: PageFrame
    var elements: [Element] = []
    var fields: [FieldLayout] = []
    var rowCount = 0

    init(form: FormDefinition, frame: PageFrame) {
        self.form = form
        self.frame = frame
    }

    func fail(_ index: Int, _ message: String) -> DefinitionError {
        DefinitionError(file: form.sourceFile, line: nil, path: "blocks[\(index)]", message: message)
    }

    mutating func text(
        _ s: String, _ x: Double, _ y: Double, size: Double, font: FontStyle = .regular,
        align: TextAlignment = .left, grey: Double = 0
    ) {
        elements.append(.text(s, at: Point(x: x, y: y), size: size, font: font, align: align, grey: grey))
    }

    mutating func header() {
        if let label = form.label {
            text(label.uppercased(), frame.left, frame.labelBaseline, size: 8.5, font: .bold, grey: 0.35)
        }
        let lines = TextMetrics.wrap(form.title, width: frame.titleRight - frame.left, size: 14, font: .bold)
        for (i, line) in lines.prefix(2).enumerated() {
            text(line, frame.left, frame.titleBaseline + Double(i) * 6, size: 14, font: .bold)
        }
    }

    /// Places `block` with its top at `y`; returns the height used. With
    /// `fill == nil` a fill block reports its minimum height.
    mutating func place(_ block: Block, index: Int, at y: Double, fill: Double?) throws -> Double {
        switch block {
        case .heading(let s):
            text(s, frame.left, y + 5, size: 10.5, font: .bold)
            return 7
        case .note(let s):
            let size = 8.0
            let lh = TextMetrics.lineHeight(size)
            let lines = TextMetrics.wrap(s, width: frame.contentWidth, size: size)
            for (i, line) in lines.enumerated() {
                text(line, frame.left, y + lh * Double(i + 1) - 0.8, size: size, grey: 0.1)
            }
            return lh * Double(lines.count) + 0.5
        case .fields(let defs):
            return try placeFieldRow(defs, index: index, at: y)
        case .table(let table):
            return try placeTable(table, index: index, at: y, fill: fill)
        case .lines(let lines):
            return placeLines(lines, at: y, fill: fill)
        case .calibration:
            return placeCalibration(at: y, fill: fill)
        }
    }
}
