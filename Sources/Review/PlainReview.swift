import Assessment
import Drafts
import Foundation

/// Line-by-line review for screen readers and pipes: one field at a time as
/// plain text, answers read a line at a time. Every action of the full screen
/// has a command (`commands`), and none can trap the clerk on a field: `>`
/// skips, `#` marks unreadable, `!text` marks the record for follow-up and
/// goes on, `q` quits at any prompt. The current field's image is written as
/// a PNG inside the workspace and its path printed, to open in any viewer.
public enum PlainReview {
    /// Writes an image (PNG bytes) under a name inside the workspace; returns its path.
    public typealias ImageWriter = (_ png: [UInt8], _ name: String) throws -> String

    public static let commands = """
        Kommandon: tom rad godkänner (när tolkningen är säker) · text rättar (skriv av från bilden) · \
        > nästa fält · < föregående fält · >> nästa post · << föregående post · \
        # fältet går inte att läsa · !text markera posten för uppföljning · \
        + godkänn sidans säkra fält · ? hjälp och bild av hela sidan · q avsluta
        """

    public static func run(
        _ session: ReviewSession, readLine: () -> String?, write: (String) -> Void, images: ImageWriter? = nil
    ) {
        var shown: ReviewItem?
        var shownMode: ReviewMode?
        let suffix = "\(getpid())"
        if let message = session.message { write(message.text) }
        while !session.finished {
            if session.allReviewed {
                write("Alla fält är granskade.")
                session.quit()
                break
            }
            guard let field = session.currentField, let record = session.currentRecord else {
                write("Inget att granska.")
                return
            }
            if session.currentItem != shown || session.mode != shownMode {
                write(describe(session, record: record, field: field))
                if let images { write(imageLine(session, field: field, images: images, name: "falt-\(suffix).png")) }
                shown = session.currentItem
                shownMode = session.mode
            }
            write(prompt(session))
            guard let line = readLine() else {
                session.quit()
                break
            }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed == "q" {
                session.quit()
                break
            }
            switch session.mode {
            case .confirmPage:
                session.handle(.char(trimmed.first ?? "n"))
            case .comment, .pageView, .zoom:
                session.handle(.submit(line))
            case .field, .secondEntry:
                switch trimmed {
                case ">": session.handle(.tab)
                case "<": session.handle(.backTab)
                case ">>": session.handle(.pageDown)
                case "<<": session.handle(.pageUp)
                case "#": session.handle(.function(7))
                case "+": session.handle(.function(5))
                case "?":
                    write(commands)
                    if let images, let page = pageImage(session, record: record, images: images, suffix: suffix) {
                        write(page)
                    }
                case "": session.handle(.enter)
                default:
                    if trimmed.hasPrefix("!") {
                        session.handle(.escape)
                        session.handle(.function(2))
                        session.handle(.submit(String(trimmed.dropFirst())))
                    } else {
                        session.handle(.submit(line))
                    }
                }
            }
            if let message = session.message { write(message.text) }
        }
        guard session.lost == nil else { return }
        let p = session.progress
        write("Sparat. Verifierade poster: \(p.recordsVerified) av \(p.recordsTotal), fält kvar: \(p.fieldsLeft).")
    }

    /// The field's crop written as a PNG inside the workspace, and the line that says where.
    static func imageLine(_ s: ReviewSession, field: DraftField, images: ImageWriter, name: String) -> String {
        do {
            guard let png = try s.store.crop(fieldRowID: field.id ?? 0) else { return "Ingen bild av fältet." }
            return "Bild av fältet: \(try images(png, name))"
        } catch {
            return "Bilden av fältet kunde inte sparas: \(error)"
        }
    }

    static func pageImage(_ s: ReviewSession, record: StoredRecord, images: ImageWriter, suffix: String) -> String? {
        do {
            guard let png = try s.store.preview(pageID: record.pageID) else { return nil }
            return "Bild av hela sidan: \(try images(png, "sida-\(suffix).png"))"
        } catch {
            return "Bilden av sidan kunde inte sparas: \(error)"
        }
    }

    static func describe(_ s: ReviewSession, record: StoredRecord, field: DraftField) -> String {
        let position = s.recordPosition
        let layout = s.layouts.field(form: record.form, id: field.fieldID)
        var lines = [
            "",
            "Post \(position.index) av \(position.count): \(s.layouts.title(form: record.form)), "
                + "\(record.source) sida \(record.pageNumber)" + (record.row.map { ", rad \($0)" } ?? ""),
        ]
        if record.followUp { lines.append("Markerad för uppföljning: \(record.comment ?? "")") }
        let label = s.layouts.label(form: record.form, id: field.fieldID)
        let certainty = FieldRules.certainty(field, short: false)
        if s.valueHidden {
            lines.append("Fält: \(label). Dubbelinmatning: tolkningen visas inte. \(certainty).")
        } else {
            let state = field.verified ? " Granskat av \(field.verifiedBy ?? "")." : ""
            lines.append(
                "Fält: \(label). Värde: \(FieldRules.display(field.value, layout: layout)). \(certainty).\(state)")
            if !field.alternatives.isEmpty {
                lines.append(
                    "Alternativ: "
                        + field.alternatives.map { FieldRules.display($0, layout: layout) }.joined(separator: ", "))
            }
        }
        if !s.valueHidden { for note in field.notes { lines.append("Obs: \(note.text)") } }
        return lines.joined(separator: "\n")
    }

    static func prompt(_ s: ReviewSession) -> String {
        guard let field = s.currentField else { return "> " }
        let layout = s.currentRecord.flatMap { s.layouts.field(form: $0.form, id: field.fieldID) }
        let hint = ClerkEntry.hint(FieldRules.entry(field, layout: layout))
        switch s.mode {
        case .confirmPage(let count): return "Godkänna \(count) säkra fält på sidan? (j/n)"
        case .secondEntry: return "Skriv värdet en gång till (dubbelinmatning):"
        case .comment, .pageView, .zoom: return "Kommentar:"
        case .field:
            if field.verified {
                return
                    "Tom rad går vidare, text rättar (\(hint)). > nästa, # oläsligt, !text uppföljning, ? hjälp, q avslutar:"
            }
            if s.valueHidden || FieldRules.mustType(field) {
                return
                    "Skriv av värdet från bilden (\(hint)). > hoppa över, # oläsligt, !text uppföljning, ? hjälp, q avslutar:"
            }
            return "Tom rad godkänner, text rättar (\(hint)). > hoppa över, # oläsligt, !text uppföljning, "
                + "+ sidans säkra fält, ? hjälp, q avslutar:"
        }
    }
}
