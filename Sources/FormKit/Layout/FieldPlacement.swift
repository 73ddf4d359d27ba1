/// Drawing single fields: comb boxes, checkboxes, writing areas.
extension SheetBuilder {
    /// The width of the comb boxes of a digits field, separators included.
    static func digitsWidth(_ def: FieldDefinition) -> Double {
        let pattern = def.pattern ?? .number
        let (groups, separator) = pattern.groups(boxes: def.boxCount)
        let gap = separator.isEmpty ? LayoutStyle.groupGap : LayoutStyle.separatorGap
        var width = Double(def.boxCount) * LayoutStyle.boxWidth + Double(groups.count - 1) * gap
        if pattern == .amount { width += 5 }  // "kr"
        return width
    }

    /// The natural width of a choice field's option grid.
    static func choiceWidth(_ def: FieldDefinition, labelSize: Double) -> Double {
        let columns = def.optionColumns ?? def.options.count
        let widest = def.options.map { TextMetrics.width($0.label, size: labelSize) }.max() ?? 0
        return Double(columns) * (LayoutStyle.checkbox + 1.2 + widest + 2.5)
    }

    static func optionRows(_ def: FieldDefinition) -> Int {
        let columns = def.optionColumns ?? def.options.count
        return (def.options.count + columns - 1) / columns
    }

    /// Comb boxes starting at `x` (or ending at `x` when right-aligned), vertically centred on `midY`.
    mutating func digits(
        _ def: FieldDefinition, id: String, row: Int?, area: Rect,
        boxHeight: Double, rightAligned: Bool
    ) -> FieldLayout {
        let pattern = def.pattern ?? .number
        let (groups, separator) = pattern.groups(boxes: def.boxCount)
        let gap = separator.isEmpty ? LayoutStyle.groupGap : LayoutStyle.separatorGap
        let total = Self.digitsWidth(def)
        var x = rightAligned ? area.maxX - total : area.minX
        let top = area.center.y - boxHeight / 2
        var boxes: [Rect] = []
        for (g, size) in groups.enumerated() {
            if g > 0 {
                if !separator.isEmpty {
                    text(separator, x + gap / 2, top + boxHeight * 0.7, size: 10, align: .center, grey: 0.3)
                }
                x += gap
            }
            for _ in 0..<size {
                let box = Rect(x: x, y: top, width: LayoutStyle.boxWidth, height: boxHeight)
                boxes.append(box)
                elements.append(.rect(box, lineWidth: LayoutStyle.boxLine, grey: LayoutStyle.boxGrey))
                x += LayoutStyle.boxWidth
            }
        }
        if pattern == .amount {
            text("kr", x + 1, top + boxHeight * 0.75, size: 8, grey: 0.3)
        }
        return FieldLayout(
            id: id, definitionID: def.id, kind: .digits, pattern: pattern, label: def.label,
            rect: area, boxes: boxes, options: [], multiple: false, row: row,
            required: def.required)
    }

    /// A grid of labelled checkboxes filling `area`.
    mutating func choice(_ def: FieldDefinition, id: String, row: Int?, area: Rect, labelSize: Double) -> FieldLayout {
        let columns = def.optionColumns ?? def.options.count
        let rows = Self.optionRows(def)
        let cellWidth = area.width / Double(columns)
        let cellHeight = area.height / Double(rows)
        let side = min(LayoutStyle.checkbox, cellHeight - 1.0)
        var options: [OptionLayout] = []
        for (i, option) in def.options.enumerated() {
            let cx = area.minX + Double(i % columns) * cellWidth
            let cy = area.minY + Double(i / columns) * cellHeight
            let box = Rect(x: cx + 0.8, y: cy + (cellHeight - side) / 2, width: side, height: side)
            elements.append(.rect(box, lineWidth: LayoutStyle.boxLine * 1.2, grey: LayoutStyle.boxGrey - 0.1))
            text(
                option.label, box.maxX + 1.2, box.center.y + labelSize * TextMetrics.pointInMillimetres * 0.35,
                size: labelSize, grey: LayoutStyle.labelGrey)
            options.append(OptionLayout(value: option.value, label: option.label, rect: box))
        }
        return FieldLayout(
            id: id, definitionID: def.id, kind: .choice, pattern: nil, label: def.label,
            rect: area, boxes: [], options: options, multiple: def.multiple, row: row,
            required: def.required)
    }

    /// A free writing area (text or signature).
    mutating func area(_ def: FieldDefinition, id: String, row: Int?, rect: Rect, outlined: Bool) -> FieldLayout {
        if outlined {
            elements.append(.rect(rect, lineWidth: LayoutStyle.gridLine, grey: LayoutStyle.gridGrey))
        }
        return FieldLayout(
            id: id, definitionID: def.id, kind: def.kind, pattern: nil, label: def.label,
            rect: rect, boxes: [], options: [], multiple: false, row: row,
            required: def.required)
    }

    // MARK: A row of labelled fields

    func naturalWidth(_ def: FieldDefinition) -> Double {
        let label = TextMetrics.width(labelText(def), size: LayoutStyle.labelSize)
        switch def.kind {
        case .digits: return max(Self.digitsWidth(def), def.width ?? 0, min(label, 60))
        case .choice: return def.width ?? Self.choiceWidth(def, labelSize: 7.5)
        case .text: return def.width ?? 60
        case .signature: return def.width ?? 50
        }
    }

    func labelText(_ def: FieldDefinition) -> String {
        def.hint.map { "\(def.label) (\($0))" } ?? def.label
    }

    func fieldHeight(_ def: FieldDefinition) -> Double {
        switch def.kind {
        case .digits: return LayoutStyle.boxHeight
        case .text: return 8
        case .signature: return 11
        case .choice: return Double(Self.optionRows(def)) * 6
        }
    }

    mutating func placeFieldRow(_ defs: [FieldDefinition], index: Int, at top: Double) throws -> Double {
        let labelBand = 4.2
        let spacing = 5.0
        var x = frame.left
        var y = top
        var lineHeight = 0.0
        for def in defs {
            let width = naturalWidth(def)
            guard width <= frame.contentWidth + 0.01 else {
                throw fail(
                    index, "fältet \"\(def.id)\" är \(Int(width)) mm brett, sidan har \(Int(frame.contentWidth)) mm")
            }
            if x > frame.left, x + width > frame.right + 0.01 {
                x = frame.left
                y += lineHeight + 2.5
                lineHeight = 0
            }
            let height = fieldHeight(def)
            text(labelText(def), x, y + 3, size: LayoutStyle.labelSize, grey: LayoutStyle.labelGrey)
            let rect = Rect(x: x, y: y + labelBand, width: width, height: height)
            switch def.kind {
            case .digits:
                fields.append(
                    digits(
                        def, id: def.id, row: nil, area: rect, boxHeight: LayoutStyle.boxHeight,
                        rightAligned: false))
            case .choice:
                fields.append(choice(def, id: def.id, row: nil, area: rect, labelSize: 7.5))
            case .text, .signature:
                fields.append(area(def, id: def.id, row: nil, rect: rect, outlined: true))
            }
            lineHeight = max(lineHeight, labelBand + height)
            x += width + spacing
        }
        return y + lineHeight - top
    }
}
