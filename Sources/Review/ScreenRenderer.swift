import Assessment
import Drafts
import Leptonica
import Raster

/// Draws the review screen for a session: one string of escape sequences
/// that repaints the whole terminal. Crops are decoded and scaled once each.
public final class ScreenRenderer {
    let blocks: HalfBlocks
    private var images: [String: GreyImage?] = [:]
    private var drawn: [String: BlockImage] = [:]

    public init(depth: ColourDepth) { blocks = HalfBlocks(depth: depth) }

    /// The screen as rows of styled text, `height` of them.
    public func rows(_ session: ReviewSession, width: Int, height: Int) -> [String] {
        if session.mode == .pageView, let record = session.currentRecord {
            return pageRows(session, record: record, width: width, height: height)
        }
        var top: [String] = [titleRow(session, width: width)]
        guard let record = session.currentRecord, let field = session.currentField else {
            var line = StyledLine(width: width)
            line.add(session.message?.text ?? "Inget att granska.")
            top.append(line.text)
            return top + Array(repeating: "", count: max(0, height - top.count - 2)) + helpRows(width: width)
        }
        top.append(recordRow(session, record: record, width: width))
        top.append(String(repeating: "─", count: width))
        let bottom = inputRows(session, field: field, width: width) + helpRows(width: width)
        let detail = detailRows(session, record: record, field: field, width: width)
        let fields = session.orderedFields(of: record)
        let free = height - top.count - bottom.count - detail.count - 2
        let cropRows = max(4, min(26, free - min(fields.count, 12)))
        let listRows = max(1, min(fields.count, free - cropRows))
        var rows =
            top + listRowsFor(session, record: record, fields: fields, current: field, width: width, rows: listRows)
        rows.append(String(repeating: "─", count: width))
        rows += detail
        rows += cropRowsFor(
            session, field: field, width: width, rows: max(0, min(cropRows, height - rows.count - bottom.count)))
        while rows.count < height - bottom.count { rows.append("") }
        return Array((rows + bottom).prefix(height))
    }

    /// The whole frame: every row positioned and cleared to its end.
    public func frame(_ session: ReviewSession, width: Int, height: Int) -> String {
        var out = "\u{1b}[?25l"
        for (i, row) in rows(session, width: width, height: height).enumerated() {
            out += "\u{1b}[\(i + 1);1H" + row + "\u{1b}[0m\u{1b}[K"
        }
        out += "\u{1b}[J"
        return out
    }

    // MARK: Parts

    func titleRow(_ s: ReviewSession, width: Int) -> String {
        var line = StyledLine(width: width)
        let p = s.progress
        let text =
            " Avbrott – granskning │ Handläggare: \(s.clerk) │ Ordning: \(s.order.swedish) (F4) │ "
            + "Verifierade poster: \(p.recordsVerified) av \(p.recordsTotal) │ Fält kvar: \(p.fieldsLeft) "
        line.add(text, columns: width, "7")
        return line.text
    }

    func recordRow(_ s: ReviewSession, record: StoredRecord, width: Int) -> String {
        var line = StyledLine(width: width)
        let position = s.recordPosition
        line.add("Post \(position.index) av \(position.count): ", "1")
        line.add(s.layouts.title(form: record.form))
        line.add(
            " · \(record.source) sida \(record.pageNumber)" + (record.row.map { ", rad \($0)" } ?? ", bladets fält"))
        let status: (String, String) =
            switch record.status {
            case .draft: ("utkast", "33")
            case .verified: ("verifierad av \(record.record.verifiedBy ?? "?")", "32")
            case .registered: ("registrerad", "36")
            }
        line.add(" · ")
        line.add(status.0, status.1)
        if record.followUp { line.add(" · UPPFÖLJNING: \(record.comment ?? "")", "1;33") }
        return line.text
    }

    func listRowsFor(
        _ s: ReviewSession, record: StoredRecord, fields: [DraftField], current: DraftField,
        width: Int, rows: Int
    ) -> [String] {
        let index = fields.firstIndex { $0.id == current.id } ?? 0
        let start = max(0, min(index - rows / 2, fields.count - rows))
        return fields[start..<min(fields.count, start + rows)].map { f in
            var line = StyledLine(width: width)
            let isCurrent = f.id == current.id
            line.add(isCurrent ? "▶ " : "  ", isCurrent ? "1" : nil)
            line.add(FieldRules.needsAttention(f) ? "! " : "  ", "1;31")
            line.add(s.layouts.label(form: record.form, id: f.fieldID), columns: 26, isCurrent ? "1" : nil)
            let hidden = FieldRules.needsDoubleEntry(f) && !f.verified
            let value =
                hidden
                ? "•••• (dubbelinmatning)"
                : FieldRules.display(f.value, layout: s.layouts.field(form: record.form, id: f.fieldID))
            line.add(value, columns: 44, hidden ? "2" : nil)
            line.add(" ")
            line.add("\(Int((f.confidence * 100).rounded())) %".leftPadded(5), columns: 7, confidenceStyle(f))
            if f.verified { line.add("✓ \(f.verifiedBy ?? "")", "32") } else { line.add("ogranskat", "2") }
            return line.text
        }
    }

    func detailRows(_ s: ReviewSession, record: StoredRecord, field: DraftField, width: Int) -> [String] {
        var rows: [String] = []
        var line = StyledLine(width: width)
        line.add(s.layouts.label(form: record.form, id: field.fieldID), "1")
        line.add(" (\(field.fieldID)) · ")
        let layout = s.layouts.field(form: record.form, id: field.fieldID)
        if s.valueHidden {
            line.add("dubbelinmatning: skriv av värdet från bilden, tolkningen visas inte", "1;35")
        } else {
            line.add("värde: ")
            line.add(FieldRules.display(field.value, layout: layout), "1")
            if field.readValue != field.value {
                line.add(" (tolkat: \(FieldRules.display(field.readValue, layout: layout)))")
            }
        }
        line.add(" · säkerhet ")
        line.add("\(Int((field.confidence * 100).rounded())) %", confidenceStyle(field))
        rows.append(line.text)
        var extra = StyledLine(width: width)
        if !field.alternatives.isEmpty && !s.valueHidden {
            extra.add(
                "Alternativ: "
                    + field.alternatives.map { FieldRules.display($0, layout: layout) }.joined(separator: " · "), "36")
        }
        rows.append(extra.text)
        // The recogniser's messages quote its reading: hidden during double entry.
        let messages =
            s.valueHidden && !field.notes.isEmpty
            ? ["Osäker tolkning (meddelandena visas när värdet är inmatat)."] : field.notes.map(\.text)
        for message in messages.prefix(2) {
            var m = StyledLine(width: width)
            m.add("⚠ " + message, "33")
            rows.append(m.text)
        }
        return rows
    }

    func cropRowsFor(_ s: ReviewSession, field: DraftField, width: Int, rows: Int) -> [String] {
        guard rows > 0 else { return [] }
        let key = "f\(field.id ?? 0):\(width):\(rows)"
        let image =
            drawn[key]
            ?? {
                let made =
                    self.image("f\(field.id ?? 0)") { try s.store.crop(fieldRowID: field.id ?? 0) }
                    .map { blocks.render($0, columns: width - 4, rows: rows) } ?? BlockImage(lines: [], columns: 0)
                drawn[key] = made
                return made
            }()
        if image.lines.isEmpty { return ["  (ingen bild av fältet)"] }
        return image.lines.map { "  " + $0 }
    }

    func pageRows(_ s: ReviewSession, record: StoredRecord, width: Int, height: Int) -> [String] {
        var title = StyledLine(width: width)
        title.add(
            " Hela sidan: \(record.source) sida \(record.pageNumber) – valfri tangent går tillbaka ", columns: width,
            "7")
        let key = "p\(record.pageID):\(width):\(height)"
        let image =
            drawn[key]
            ?? {
                let made =
                    self.image("p\(record.pageID)") { try s.store.preview(pageID: record.pageID) }
                    .map { blocks.render($0, columns: width, rows: height - 1) } ?? BlockImage(lines: [], columns: 0)
                drawn[key] = made
                return made
            }()
        let body = image.lines.isEmpty ? ["(ingen bild av sidan)"] : image.lines
        return [title.text] + body
    }

    func inputRows(_ s: ReviewSession, field: DraftField, width: Int) -> [String] {
        var prompt = StyledLine(width: width)
        var feedback = StyledLine(width: width)
        let layout = s.currentRecord.flatMap { s.layouts.field(form: $0.form, id: field.fieldID) }
        switch s.mode {
        case .comment:
            prompt.add("Kommentar för uppföljning (Enter sparar, tom tar bort markeringen, Esc avbryter): ", "1")
            prompt.add(s.input + "█")
        case .confirmPage(let count):
            prompt.add(
                "Godkänna \(count) säkra fält på den här sidan utan att gå igenom dem ett och ett? (j/n) ", "1;33")
        case .secondEntry:
            prompt.add("Dubbelinmatning – skriv värdet en gång till: ", "1;35")
            prompt.add(s.input + "█")
        case .field, .pageView:
            prompt.add(
                s.valueHidden
                    ? "Skriv av värdet (\(ClerkEntry.hint(FieldRules.entry(field, layout: layout)))): "
                    : "Enter godkänner, eller skriv nytt värde (\(ClerkEntry.hint(FieldRules.entry(field, layout: layout)))): ",
                "1")
            prompt.add(s.input + "█")
        }
        switch s.inputCheck {
        case .success(let value)?:
            feedback.add("✓ giltigt: " + FieldRules.display(value, layout: layout), "32")
        case .failure(let problem)?:
            feedback.add("✗ " + problem.reason, "31")
        case nil:
            break
        }
        var message = StyledLine(width: width)
        if let m = s.message {
            let style: String? =
                switch m.tone {
                case .info: nil
                case .success: "32"
                case .warning: "1;33"
                case .error: "1;31"
                }
            message.add(m.text, style)
        }
        return [prompt.text, feedback.text, message.text]
    }

    func helpRows(width: Int) -> [String] {
        var a = StyledLine(width: width), b = StyledLine(width: width)
        a.add(
            " Enter godkänn · skriv för att rätta · Tab/Shift-Tab fält · PgUp/PgDn post · Backsteg/Esc rensa · "
                + "+ eller F5 godkänn sidans säkra fält ", "7")
        b.add(
            " F2 eller ! uppföljning · F3 eller ? hela sidan · F4 byt ordning · q spara och avsluta (allt sparas direkt) ",
            "7")
        return [a.text, b.text]
    }

    func confidenceStyle(_ f: DraftField) -> String {
        switch FieldRules.band(f) {
        case .high: return "32"
        case .medium: return "33"
        case .low: return "31"
        }
    }

    private func image(_ key: String, _ load: () throws -> [UInt8]?) -> GreyImage? {
        if let known = images[key] { return known }
        let decoded = (try? load()).flatMap { $0 }.flatMap { try? PNGCodec.decode($0) }
        images[key] = decoded
        return decoded
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
