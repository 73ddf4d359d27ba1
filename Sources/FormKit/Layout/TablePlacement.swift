/// The table of a list form: a header, then numbered rows of fields.
extension SheetBuilder {
    static let tableLabelSize = 6.8
    static let cellPadding = 1.2

    /// Natural (minimum) width of a table column.
    func columnWidth(_ def: FieldDefinition) -> Double {
        switch def.kind {
        case .digits: return max(def.width ?? 0, Self.digitsWidth(def) + 2 * Self.cellPadding + 1)
        case .choice: return def.width ?? Self.choiceWidth(def, labelSize: 6)
        case .text, .signature: return def.width ?? 30
        }
    }

    /// Column widths stretched so that the table fills the content width;
    /// the extra goes to the text columns.
    func columnWidths(_ table: TableDefinition, index: Int) throws -> [Double] {
        var widths = table.columns.map(columnWidth)
        let available = frame.contentWidth - LayoutStyle.rowNumberWidth
        let natural = widths.reduce(0, +)
        guard natural <= available + 0.01 else {
            throw fail(index, "tabellens kolumner är \(Int((natural - available).rounded(.up))) mm för breda för sidan")
        }
        let stretchable = table.columns.indices.filter { table.columns[$0].kind == .text }
        let targets = stretchable.isEmpty ? Array(table.columns.indices) : stretchable
        let base = targets.map { widths[$0] }.reduce(0, +)
        for i in targets { widths[i] += (available - natural) * widths[i] / base }
        return widths
    }

    mutating func placeTable(_ table: TableDefinition, index: Int, at top: Double, fill: Double?) throws -> Double {
        let widths = try columnWidths(table, index: index)
        let labelLH = TextMetrics.lineHeight(Self.tableLabelSize)
        let wrapped = zip(table.columns, widths).map { def, w in
            TextMetrics.wrap(labelText(def), width: w - 2, size: Self.tableLabelSize)
        }
        let hasGroups = table.columns.contains { $0.group != nil }
        let groupBand = hasGroups ? 5.0 : 0
        let labelBand = max(7, Double(wrapped.map(\.count).max() ?? 1) * labelLH + 2.2)
        let headerHeight = groupBand + labelBand

        let rows: Int
        switch table.rows {
        case .fixed(let n): rows = n
        case .fill:
            guard let fill else { return headerHeight + table.rowHeight }
            rows = max(1, Int(((fill - headerHeight) / table.rowHeight).rounded(.down)))
        }
        rowCount = rows
        let left = frame.left
        let right = frame.right
        let bottom = top + headerHeight + Double(rows) * table.rowHeight
        let bodyTop = top + headerHeight

        // Column edges.
        var edges = [left, left + LayoutStyle.rowNumberWidth]
        for w in widths { edges.append(edges[edges.count - 1] + w) }

        // Header: group headings, column labels, grid.
        elements.append(.filledRect(Rect(x: left, y: top, width: right - left, height: headerHeight), grey: 0.92))
        var column = 0
        while column < table.columns.count {
            guard let group = table.columns[column].group else {
                column += 1
                continue
            }
            var end = column
            while end + 1 < table.columns.count, table.columns[end + 1].group == group { end += 1 }
            let x0 = edges[column + 1], x1 = edges[end + 2]
            text(group, (x0 + x1) / 2, top + 3.6, size: Self.tableLabelSize, font: .bold, align: .center)
            elements.append(
                .line(
                    from: Point(x: x0, y: top + groupBand), to: Point(x: x1, y: top + groupBand),
                    width: LayoutStyle.gridLine, grey: LayoutStyle.gridGrey))
            column = end + 1
        }
        text(
            "Nr", left + LayoutStyle.rowNumberWidth / 2, bodyTop - 2.2, size: Self.tableLabelSize, font: .bold,
            align: .center)
        for (c, lines) in wrapped.enumerated() {
            let labelTop = top + groupBand + (labelBand - Double(lines.count) * labelLH) / 2
            for (i, line) in lines.enumerated() {
                text(
                    line, edges[c + 1] + 1, labelTop + labelLH * Double(i + 1) - 0.7, size: Self.tableLabelSize,
                    font: .bold)
            }
        }
        for (i, x) in edges.enumerated() where i > 0 && i < edges.count - 1 {
            let spansGroup =
                i >= 2 && i - 2 < table.columns.count - 1 && table.columns[i - 2].group != nil
                && table.columns[i - 2].group == table.columns[i - 1].group
            let from = spansGroup ? top + groupBand : top
            elements.append(
                .line(
                    from: Point(x: x, y: from), to: Point(x: x, y: bottom),
                    width: LayoutStyle.gridLine, grey: LayoutStyle.gridGrey))
        }
        for r in 0...rows {
            let y = bodyTop + Double(r) * table.rowHeight
            elements.append(
                .line(
                    from: Point(x: left, y: y), to: Point(x: right, y: y),
                    width: r == 0 ? 0.4 : LayoutStyle.gridLine, grey: r == 0 ? 0.2 : LayoutStyle.gridGrey))
        }
        elements.append(
            .rect(
                Rect(x: left, y: top, width: right - left, height: bottom - top),
                lineWidth: 0.4, grey: 0.2))

        // Rows of fields.
        for r in 1...rows {
            let rowTop = bodyTop + Double(r - 1) * table.rowHeight
            text(
                "\(r)", left + LayoutStyle.rowNumberWidth / 2, rowTop + table.rowHeight / 2 + 1.2, size: 8,
                align: .center, grey: 0.35)
            let prefix = twoDigits(r)
            for (c, def) in table.columns.enumerated() {
                let cell = Rect(x: edges[c + 1], y: rowTop, width: widths[c], height: table.rowHeight)
                let id = "r\(prefix).\(def.id)"
                let inner = cell.inset(by: Self.cellPadding)
                switch def.kind {
                case .digits:
                    let boxHeight = min(LayoutStyle.boxHeight, table.rowHeight - 2 * Self.cellPadding)
                    fields.append(
                        digits(
                            def, id: id, row: r, area: inner, boxHeight: boxHeight,
                            rightAligned: def.pattern == .amount))
                case .choice:
                    fields.append(choice(def, id: id, row: r, area: cell.inset(by: 0.4), labelSize: 6))
                case .text, .signature:
                    fields.append(area(def, id: id, row: r, rect: cell.inset(by: 0.6), outlined: false))
                }
            }
        }
        return bottom - top
    }

    // MARK: Ruled free text

    mutating func placeLines(_ lines: LinesDefinition, at top: Double, fill: Double?) -> Double {
        let labelBand = 5.0
        let count: Int
        switch lines.count {
        case .fixed(let n): count = n
        case .fill:
            guard let fill else { return labelBand + lines.spacing }
            count = max(1, Int(((fill - labelBand - 1) / lines.spacing).rounded(.down)))
        }
        text(lines.field.label, frame.left, top + 3.5, size: 8, font: .bold)
        for i in 1...count {
            let y = top + labelBand + Double(i) * lines.spacing
            elements.append(
                .line(
                    from: Point(x: frame.left, y: y), to: Point(x: frame.right, y: y),
                    width: 0.2, grey: LayoutStyle.ruleGrey))
        }
        let rect = Rect(
            x: frame.left, y: top + labelBand, width: frame.contentWidth,
            height: Double(count) * lines.spacing + 1)
        fields.append(area(lines.field, id: lines.field.id, row: nil, rect: rect, outlined: false))
        return labelBand + Double(count) * lines.spacing + 1
    }

    // MARK: Calibration rulers

    /// Millimetre rulers and a 100 mm square: a printer that shrinks the page
    /// ("fit to page") shows at once against a real ruler, and the scanner
    /// measures the same marks.
    mutating func placeCalibration(at top: Double, fill: Double?) -> Double {
        let minimum = 150.0
        let length = 150.0
        let x0 = frame.left + 10
        let y0 = top + 8
        elements.append(.line(from: Point(x: x0, y: y0), to: Point(x: x0 + length, y: y0), width: 0.2, grey: 0))
        for mm in 0...Int(length) {
            let x = x0 + Double(mm)
            let tick = mm % 10 == 0 ? 5.0 : (mm % 5 == 0 ? 3.0 : 1.5)
            elements.append(.line(from: Point(x: x, y: y0), to: Point(x: x, y: y0 + tick), width: 0.12, grey: 0))
            if mm % 10 == 0 { text("\(mm / 10)", x, y0 + 8, size: 6.5, align: .center) }
        }
        text("cm", x0 + length + 3, y0 + 8, size: 6.5)
        let vx = frame.left + 2
        let vy = y0 + 12
        let vlength = 100.0
        elements.append(.line(from: Point(x: vx, y: vy), to: Point(x: vx, y: vy + vlength), width: 0.2, grey: 0))
        for mm in 0...Int(vlength) {
            let y = vy + Double(mm)
            let tick = mm % 10 == 0 ? 5.0 : (mm % 5 == 0 ? 3.0 : 1.5)
            elements.append(.line(from: Point(x: vx, y: y), to: Point(x: vx + tick, y: y), width: 0.12, grey: 0))
        }
        let square = Rect(x: x0 + 20, y: vy + 5, width: 100, height: 100)
        elements.append(.rect(square, lineWidth: 0.3, grey: 0))
        let c = square.center
        elements.append(
            .line(from: Point(x: square.minX, y: c.y), to: Point(x: square.maxX, y: c.y), width: 0.15, grey: 0.4))
        elements.append(
            .line(from: Point(x: c.x, y: square.minY), to: Point(x: c.x, y: square.maxY), width: 0.15, grey: 0.4))
        text("100 mm × 100 mm", c.x, c.y - 2, size: 8, align: .center)
        return max(minimum, square.maxY - top + 2)
    }
}

/// Two-digit row numbers: 1 → "01".
private func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
