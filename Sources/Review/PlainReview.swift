import Assessment
import Drafts
import Foundation

/// Line-by-line review for screen readers and pipes: one field at a time as
/// plain text, answers read a line at a time. An empty line accepts, text
/// replaces, `q` quits, `!text` marks the record for follow-up, `+` accepts
/// the confident fields of the page (then `j` confirms).
public enum PlainReview {
    public static func run(_ session: ReviewSession, readLine: () -> String?, write: (String) -> Void) {
        var shown: ReviewItem?
        var shownMode: ReviewMode?
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
                shown = session.currentItem
                shownMode = session.mode
            }
            write(prompt(session))
            guard let line = readLine() else {
                session.quit()
                break
            }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            switch session.mode {
            case .confirmPage:
                session.handle(.char(trimmed.first ?? "n"))
            case .comment, .pageView:
                session.handle(.submit(line))
            case .field, .secondEntry:
                if trimmed == "q" && session.mode == .field {
                    session.handle(.char("q"))
                } else if trimmed.hasPrefix("!") && session.mode == .field {
                    session.handle(.function(2))
                    session.handle(.submit(String(trimmed.dropFirst())))
                } else if trimmed == "+" && session.mode == .field {
                    session.handle(.function(5))
                } else if trimmed.isEmpty {
                    session.handle(.enter)
                } else {
                    session.handle(.submit(line))
                }
            }
            if let message = session.message { write(message.text) }
        }
        guard session.lost == nil else { return }
        let p = session.progress
        write("Sparat. Verifierade poster: \(p.recordsVerified) av \(p.recordsTotal), fält kvar: \(p.fieldsLeft).")
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
        let percent = Int((field.confidence * 100).rounded())
        let level =
            switch FieldRules.band(field) {
            case .high: "hög"
            case .medium: "medel"
            case .low: "låg"
            }
        if s.valueHidden {
            lines.append(
                "Fält: \(label). Dubbelinmatning: tolkningen visas inte. Säkerhet \(percent) procent (\(level)).")
        } else {
            let state = field.verified ? ", granskat av \(field.verifiedBy ?? "")" : ""
            lines.append(
                "Fält: \(label). Värde: \(FieldRules.display(field.value, layout: layout)). "
                    + "Säkerhet \(percent) procent (\(level))\(state).")
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
        case .comment, .pageView: return "Kommentar:"
        case .field:
            return s.valueHidden
                ? "Skriv av värdet (\(hint)), q avslutar:"
                : "Tom rad godkänner, text rättar (\(hint)), ! följ upp, + godkänn sidans säkra fält, q avslutar:"
        }
    }
}
