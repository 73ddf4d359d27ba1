import Assessment
import Drafts
import Foundation
import Leptonica
import Raster

/// One frame of the review: rows of styled text, and images placed over
/// blank rows (sixel or kitty graphics; empty where images are drawn as text).
public struct Screen {
    public struct Placement {
        /// 0-based row and column of the image's top left cell.
        public var row: Int
        public var column: Int
        /// The escape sequence that draws it.
        public var payload: String
    }

    public var rows: [String]
    public var images: [Placement] = []
}

/// Draws the review screen for a session. At every size from 80 × 24 up the
/// current field, its crop as large as the room allows, its value,
/// alternatives and messages fit; the record's list of fields is beside them
/// on a tall screen and a view of its own (F8) on a small one. Crops are
/// decoded once and each drawing of them is kept.
public final class ScreenRenderer {
    public let capabilities: TerminalCapabilities
    let blocks: HalfBlocks
    private var images: [String: GreyImage?] = [:]
    private var drawn: [String: [DrawnStrip]] = [:]

    /// Below this many rows the record's list is a view of its own.
    public static let tallScreen = 40

    struct DrawnStrip {
        var lines: [String]
        var payload: String?
        var rows: Int
        var columns: Int
    }

    public init(capabilities: TerminalCapabilities) {
        self.capabilities = capabilities
        blocks = HalfBlocks(depth: capabilities.colour)
    }

    var colour: Bool { capabilities.colour != nil }

    func line(_ width: Int) -> StyledLine { StyledLine(width: width, colour: colour) }

    /// The screen as rows of styled text, `height` of them (images as blank rows
    /// in `rows` when they are drawn by a graphics protocol).
    public func rows(_ session: ReviewSession, width: Int, height: Int) -> [String] {
        screen(session, width: width, height: height).rows
    }

    public func screen(_ session: ReviewSession, width: Int, height: Int) -> Screen {
        if session.mode == .pageView, let record = session.currentRecord {
            return pageScreen(session, record: record, width: width, height: height)
        }
        if session.mode == .zoom, let record = session.currentRecord, let field = session.currentField {
            return zoomScreen(session, record: record, field: field, width: width, height: height)
        }
        let help = helpRows(width: width, tall: height >= 30)
        var top: [String] = [titleRow(session, width: width)]
        guard let record = session.currentRecord, let field = session.currentField else {
            var message = line(width)
            message.add(session.message?.text ?? "Inget att granska.")
            top.append(message.text)
            return Screen(rows: fill(top, bottom: help, height: height))
        }
        top.append(recordRow(session, record: record, width: width))
        top.append(String(repeating: "─", count: width))
        let bottom = inputRows(session, field: field, width: width) + help
        let detail = detailRows(session, record: record, field: field, width: width)
        let fields = session.orderedFields(of: record)
        let free = max(0, height - top.count - bottom.count - detail.count)
        var screen = Screen(rows: top)
        if height >= Self.tallScreen {
            let listRows = max(1, min(fields.count, free / 3))
            screen.rows += listRowsFor(
                session, record: record, fields: fields, current: field, width: width, rows: listRows)
            screen.rows.append(String(repeating: "─", count: width))
            screen.rows += detail
            addCrop(session, field: field, to: &screen, width: width, rows: free - listRows - 1)
        } else if session.showsFieldList {
            screen.rows += detail.prefix(1)
            var title = line(width)
            title.add("Postens fält (F8 visar bilden igen):", "1")
            screen.rows.append(title.text)
            screen.rows += listRowsFor(
                session, record: record, fields: fields, current: field, width: width,
                rows: max(1, free + detail.count - 2))
        } else {
            screen.rows += detail
            addCrop(session, field: field, to: &screen, width: width, rows: free)
        }
        screen.rows = fill(screen.rows, bottom: bottom, height: height)
        return screen
    }

    /// The whole frame: every row positioned and cleared to its end, then the images.
    public func frame(_ session: ReviewSession, width: Int, height: Int) -> String {
        let screen = screen(session, width: width, height: height)
        var out = "\u{1b}[?25l"
        if capabilities.graphics == .kitty { out += KittyImage.deleteAll }
        for (i, row) in screen.rows.enumerated() {
            out += "\u{1b}[\(i + 1);1H" + row + "\u{1b}[0m\u{1b}[K"
        }
        out += "\u{1b}[J"
        for image in screen.images {
            out += "\u{1b}[\(image.row + 1);\(image.column + 1)H" + image.payload
        }
        return out
    }

    private func fill(_ rows: [String], bottom: [String], height: Int) -> [String] {
        var rows = Array(rows.prefix(max(0, height - bottom.count)))
        while rows.count < height - bottom.count { rows.append("") }
        return Array((rows + bottom).prefix(height))
    }

    // MARK: Parts

    func titleRow(_ s: ReviewSession, width: Int) -> String {
        var title = line(width)
        let p = s.progress
        let text =
            width >= 110
            ? " Avbrott – granskning │ Handläggare: \(s.clerk) │ Ordning: \(s.order.swedish) (F4) │ "
                + "Verifierade poster: \(p.recordsVerified) av \(p.recordsTotal) │ Fält kvar: \(p.fieldsLeft) "
            : " Granskning │ \(s.clerk) │ verifierade \(p.recordsVerified) av \(p.recordsTotal) │ "
                + "\(p.fieldsLeft) fält kvar "
        title.add(text, columns: width, "7")
        return title.text
    }

    /// Where the clerk is, most important first (a narrow screen cuts the end):
    /// the record's number and status, the row and page, the file, the form.
    func recordRow(_ s: ReviewSession, record: StoredRecord, width: Int) -> String {
        var row = line(width)
        let position = s.recordPosition
        row.add("Post \(position.index) av \(position.count) ", "1")
        let status: (String, String) =
            switch record.status {
            case .draft: ("utkast", "33")
            case .verified: ("verifierad av \(record.verifiers.joined(separator: ", "))", "32")
            case .registered: ("registrerad", "36")
            }
        row.add("(")
        row.add(status.0, status.1)
        row.add("): ")
        if record.followUp { row.add("UPPFÖLJNING: \(record.comment ?? "") · ", "1;33") }
        row.add((record.row.map { "rad \($0), " } ?? "bladets fält, ") + "sida \(record.pageNumber) · ")
        row.add("\(record.source) · \(s.layouts.title(form: record.form))")
        return row.text
    }

    func listRowsFor(
        _ s: ReviewSession, record: StoredRecord, fields: [DraftField], current: DraftField,
        width: Int, rows: Int
    ) -> [String] {
        let index = fields.firstIndex { $0.id == current.id } ?? 0
        let start = max(0, min(index - rows / 2, fields.count - rows))
        // Columns share the width: the label a quarter, who verified it at most 14, the value the rest.
        let label = max(10, min(26, width / 4))
        let who = min(14, max(10, width / 8))
        let value = max(8, width - 4 - label - 8 - who - 1)
        return fields[start..<min(fields.count, start + rows)].map { f in
            var row = line(width)
            let isCurrent = f.id == current.id
            row.add(isCurrent ? "▶ " : "  ", isCurrent ? "1" : nil)
            row.add(FieldRules.needsAttention(f) ? "! " : "  ", "1;31")
            row.add(s.layouts.label(form: record.form, id: f.fieldID), columns: label, isCurrent ? "1" : nil)
            let hidden = FieldRules.needsDoubleEntry(f) && !f.verified
            let shown =
                hidden
                ? "•••• (dubbelinmatning)"
                : FieldRules.display(f.value, layout: s.layouts.field(form: record.form, id: f.fieldID))
            row.add(shown, columns: value, hidden ? "2" : nil)
            row.add(" ")
            row.add(FieldRules.certainty(f, short: true).leftPadded(6), columns: 7, confidenceStyle(f))
            row.add(" ")
            if f.verified { row.add("✓ \(f.verifiedBy ?? "")", columns: who, "32") } else { row.add("ogranskat", "2") }
            return row.text
        }
    }

    func detailRows(_ s: ReviewSession, record: StoredRecord, field: DraftField, width: Int) -> [String] {
        var rows: [String] = []
        var head = line(width)
        head.add(s.layouts.label(form: record.form, id: field.fieldID), "1")
        head.add(": ")
        let layout = s.layouts.field(form: record.form, id: field.fieldID)
        if s.valueHidden {
            head.add("dubbelinmatning – skriv av värdet, tolkningen visas inte", "1;35")
        } else {
            head.add(FieldRules.display(field.value, layout: layout), "1")
            if field.readValue != field.value {
                head.add(" (tolkat: \(FieldRules.display(field.readValue, layout: layout)))")
            }
            if field.verified { head.add(" ✓ \(field.verifiedBy ?? "")", "32") }
        }
        head.add(" · ")
        head.add(
            field.review ? "osäker tolkning" : "sannolikhet " + FieldRules.certainty(field, short: true),
            confidenceStyle(field))
        rows.append(head.text)
        if !field.alternatives.isEmpty && !s.valueHidden {
            var alternatives = line(width)
            alternatives.add(
                "Alternativ: "
                    + field.alternatives.map { FieldRules.display($0, layout: layout) }.joined(separator: " · "), "36")
            rows.append(alternatives.text)
        }
        // The recogniser's messages quote its reading: hidden during double entry.
        let messages =
            s.valueHidden && !field.notes.isEmpty
            ? ["Osäker tolkning (meddelandena visas när värdet är inmatat)."] : field.notes.map(\.text)
        for message in messages.prefix(2) {
            var m = line(width)
            m.add("⚠ " + message, "33")
            rows.append(m.text)
        }
        return rows
    }

    /// The crop in `rows` rows below what is there: as large as fits, folded into strips when wider.
    func addCrop(_ s: ReviewSession, field: DraftField, to screen: inout Screen, width: Int, rows: Int) {
        guard rows > 0 else { return }
        let strips = drawnStrips(
            key: "f\(field.id ?? 0)", columns: width - 4, rows: rows,
            load: { try s.store.crop(fieldRowID: field.id ?? 0) })
        guard !strips.isEmpty else {
            screen.rows.append("  (ingen bild av fältet)")
            return
        }
        for (n, strip) in strips.enumerated() {
            if n > 0 {
                var gap = line(width)
                gap.add("  ↳ fortsättning", "2")
                screen.rows.append(gap.text)
            }
            if let payload = strip.payload {
                screen.images.append(Screen.Placement(row: screen.rows.count, column: 2, payload: payload))
                screen.rows += Array(repeating: "", count: strip.rows)
            } else {
                screen.rows += strip.lines.map { "  " + $0 }
            }
        }
    }

    func zoomScreen(_ s: ReviewSession, record: StoredRecord, field: DraftField, width: Int, height: Int) -> Screen {
        var title = line(width)
        title.add(
            " \(s.layouts.label(form: record.form, id: field.fieldID)) – \(record.source) sida \(record.pageNumber)"
                + " – valfri tangent går tillbaka ", columns: width, "7")
        var screen = Screen(rows: [title.text])
        addCrop(s, field: field, to: &screen, width: width, rows: height - 1)
        screen.rows = fill(screen.rows, bottom: [], height: height)
        return screen
    }

    func pageScreen(_ s: ReviewSession, record: StoredRecord, width: Int, height: Int) -> Screen {
        var title = line(width)
        title.add(
            " Hela sidan: \(record.source) sida \(record.pageNumber) – valfri tangent går tillbaka ", columns: width,
            "7")
        var screen = Screen(rows: [title.text])
        let strips = drawnStrips(
            key: "p\(record.pageID)", columns: width, rows: height - 1, maximumStrips: 1,
            load: { try s.store.preview(pageID: record.pageID) })
        if let strip = strips.first {
            if let payload = strip.payload {
                screen.images.append(Screen.Placement(row: 1, column: 0, payload: payload))
            } else {
                screen.rows += strip.lines
            }
        } else {
            screen.rows.append("(ingen bild av sidan)")
        }
        screen.rows = fill(screen.rows, bottom: [], height: height)
        return screen
    }

    func inputRows(_ s: ReviewSession, field: DraftField, width: Int) -> [String] {
        var prompt = line(width)
        var feedback = line(width)
        let layout = s.currentRecord.flatMap { s.layouts.field(form: $0.form, id: field.fieldID) }
        let hint = ClerkEntry.hint(FieldRules.entry(field, layout: layout))
        switch s.mode {
        case .comment:
            prompt.add("Kommentar för uppföljning (Enter sparar, tom tar bort, Esc avbryter): ", "1")
            prompt.add(s.input + "█")
        case .confirmPage(let count):
            prompt.add("Godkänna \(count) säkra fält på sidan utan att gå igenom dem ett och ett? (j/n) ", "1;33")
        case .secondEntry:
            prompt.add("Dubbelinmatning – skriv värdet en gång till: ", "1;35")
            prompt.add(s.input + "█")
        case .field, .pageView, .zoom:
            let text =
                field.verified
                ? "Granskat. Enter går vidare, eller skriv nytt värde (\(hint)): "
                : s.valueHidden || FieldRules.mustType(field)
                    ? "Skriv av värdet från bilden (\(hint)), # oläsligt: "
                    : "Enter godkänner, eller skriv nytt värde (\(hint)): "
            prompt.add(text, "1")
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
        var message = line(width)
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

    /// The keys: two rows from 30 rows up, one on a smaller screen (the essential keys).
    func helpRows(width: Int, tall: Bool) -> [String] {
        var a = line(width), b = line(width)
        if width >= 120 {
            a.add(
                " Enter godkänn · skriv för att rätta · Tab/Shift-Tab fält · PgUp/PgDn post · # eller F7 oläsligt · "
                    + "* eller F6 förstora bilden · F8 postens fält ", columns: width, "7")
            b.add(
                " ! eller F2 uppföljning · ? eller F3 hela sidan · + eller F5 sidans säkra fält · F4 ordning · "
                    + "q avsluta (allt sparas direkt) ", columns: width, "7")
        } else {
            a.add(" Enter godkänn · # oläsligt · ! följ upp · * förstora · F8 fälten · q avsluta ", columns: width, "7")
            b.add(
                " Tab/Shift-Tab fält · PgUp/PgDn post · ? hela sidan · + sidans säkra fält · F4 ordning ",
                columns: width, "7")
        }
        return tall ? [a.text, b.text] : [a.text]
    }

    func confidenceStyle(_ f: DraftField) -> String {
        switch FieldRules.band(f) {
        case .high: return "32"
        case .medium: return "33"
        case .low: return "31"
        }
    }

    // MARK: Images

    /// The image under `key` fitted to the area and drawn the way the terminal shows images; kept per size.
    /// A field's crop as the screen shows it: contrast stretched, cut down to
    /// the writing with a margin of a sixth of its height (at least 3 pixels).
    public static func screenCrop(_ crop: GreyImage) -> GreyImage {
        crop.contrastStretched().trimmedToInk(margin: max(3, crop.height / 6))
    }

    private func drawnStrips(
        key: String, columns: Int, rows: Int, maximumStrips: Int = 4, load: () throws -> [UInt8]?
    ) -> [DrawnStrip] {
        let sizeKey = "\(key):\(columns)x\(rows)"
        if let known = drawn[sizeKey] { return known }
        guard let image = image(key, load), columns > 0, rows > 0 else { return [] }
        let cell = capabilities.graphics == .text ? HalfBlocks.cell : capabilities.cell
        let prepared = key.hasPrefix("f") ? Self.screenCrop(image) : image.contrastStretched()
        let strips = ImageFitting.strips(
            prepared, columns: columns, rows: rows, cell: cell, maximumStrips: maximumStrips)
        let made = strips.map { strip -> DrawnStrip in
            switch capabilities.graphics {
            case .text:
                let text = blocks.draw(strip.image)
                return DrawnStrip(lines: text.lines, payload: nil, rows: text.lines.count, columns: text.columns)
            case .sixel:
                return DrawnStrip(
                    lines: [], payload: Sixel.encode(strip.image), rows: strip.rows,
                    columns: (strip.image.width + cell.width - 1) / cell.width)
            case .kitty:
                let png = (try? PNGCodec.encode(strip.image)) ?? []
                return DrawnStrip(
                    lines: [], payload: KittyImage.encode(png: png), rows: strip.rows,
                    columns: (strip.image.width + cell.width - 1) / cell.width)
            }
        }
        drawn[sizeKey] = made
        return made
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
