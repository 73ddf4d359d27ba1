import Drafts
import FormKit
import Foundation
import Haru

/// `avbrott status` as a document (printed with `ReportText`): per form the
/// sheets, records, fields to check and registration state; the pages and
/// files that could not be used; the records past their deadline.
public enum StatusReport {
    /// At most this many overdue records are listed one by one.
    public static let overdueListLimit = 40

    public static func document(_ a: StatusAnalysis, workspace: String) -> ReportDocument {
        let s = a.summary
        var blocks: [ReportBlock] = [.title("Arbetsyta \(workspace)", subtitle: nil)]
        var end = "Avbrottet slut: " + OutageReport.outageEndText(s) + ". Idag: \(s.today)."
        if s.outage?.endAssumed == true {
            end += " Ange avbrottets datum med avbrott outage --start ÅÅÅÅ-MM-DD --end ÅÅÅÅ-MM-DD."
        }
        blocks.append(.paragraph(end))
        blocks.append(
            .paragraph("Sidor: " + OutageReport.pageCounts(s) + ". Olästa filer: \(s.unreadableFiles.count)."))
        if let head = s.auditHead {
            blocks.append(
                .paragraph(
                    "Granskningsloggen: \(Swedish.count(head.entries, "post", "poster")), sista hash \(head.hash) "
                        + "(kontrollera senare med avbrott audit --verify --expect HASH)."))
        }
        blocks.append(.heading("Per blankett"))
        blocks.append(
            .table(
                ReportTable(
                    columns: [
                        .init("Blankett"), .init("Blad", alignment: .right), .init("Poster", alignment: .right),
                        .init("Granska fält", alignment: .right), .init("Valideringsfel", alignment: .right),
                        .init("Utkast", alignment: .right), .init("Granskade", alignment: .right),
                        .init("Registrerade", alignment: .right), .init("Försenade", alignment: .right),
                        .init("Registreras i, senast"),
                    ],
                    rows: s.forms.map { f in
                        [
                            f.formID, "\(f.sheets)", "\(f.records)", "\(f.fieldsToReview)", "\(f.validationErrors)",
                            "\(f.drafted)",
                            "\(f.verified)", "\(f.registered)", "\(f.overdue)",
                            f.routesText,
                        ]
                    }, emptyText: "Inga identifierade sidor ännu. Läs in skanningar med avbrott ingest.")))

        blocks.append(.heading("Oidentifierade sidor (\(s.unidentified.count))"))
        blocks.append(
            .table(
                ReportTable(
                    columns: [.init("Fil"), .init("Sida", alignment: .right), .init("Orsak")],
                    rows: s.unidentified.map { [$0.source, "\($0.pageNumber)", $0.reason ?? ""] },
                    emptyText: "Inga.")))
        if !s.blank.isEmpty {
            blocks.append(.heading("Sidor utan något ifyllt (\(s.blank.count))"))
            blocks.append(
                .table(
                    ReportTable(
                        columns: [.init("Fil"), .init("Sida", alignment: .right), .init("Blad"), .init("Vad")],
                        rows: s.blank.map { [$0.source, "\($0.pageNumber)", $0.sheet ?? "", $0.reason ?? ""] },
                        emptyText: "Inga.")))
        }
        let pagesByID = Dictionary(s.pages.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        blocks.append(.heading("Dubbletter (\(s.duplicates.count))"))
        blocks.append(
            .table(
                ReportTable(
                    columns: [.init("Fil"), .init("Sida", alignment: .right), .init("Samma blad som")],
                    rows: s.duplicates.map { p in
                        let original = p.duplicateOf.flatMap { pagesByID[$0] }
                        return [
                            p.source, "\(p.pageNumber)",
                            original.map { "\($0.source) sida \($0.pageNumber)" } ?? "?",
                        ]
                    }, emptyText: "Inga.")))
        blocks.append(.heading("Olästa filer (\(s.unreadableFiles.count))"))
        blocks.append(
            .table(
                ReportTable(
                    columns: [.init("Fil"), .init("Fel")],
                    rows: s.unreadableFiles.map { [$0.name, $0.error ?? ""] }, emptyText: "Inga.")))

        if !s.custody.isEmpty {
            blocks.append(contentsOf: usb(s))
        }
        if a.payments.count > 0 {
            blocks.append(contentsOf: OutageReport.payments(a.payments))
        }
        blocks.append(.heading("Godkända varningar (\(s.acceptedWarnings.count))"))
        blocks.append(
            .table(
                ReportTable(
                    columns: [
                        .init("Post", alignment: .right), .init("Blankett"), .init("Fil"),
                        .init("Rad", alignment: .right),
                        .init("Fält"), .init("Varning"), .init("Godkänd av"),
                    ],
                    rows: s.acceptedWarnings.map { w in
                        [
                            "\(w.record.id)", w.record.form, w.record.source, w.record.row.map { "\($0)" } ?? "",
                            w.field, w.message, w.acceptedBy,
                        ]
                    }, emptyText: "Inga: inget fält med en varning har godkänts.")))

        let overdue = s.overdue
        blocks.append(.heading("Försenade poster (\(overdue.count))"))
        blocks.append(
            .table(
                OutageReport.unregisteredTable(
                    StatusSummary.limited(s, to: Array(overdue.prefix(overdueListLimit))),
                    emptyText: "Inga försenade poster.")))
        if overdue.count > overdueListLimit {
            blocks.append(
                .paragraph("… och \(overdue.count - overdueListLimit) till. Hela listan finns i avbrott report."))
        }
        return ReportDocument(title: "Status", footer: "", blocks: blocks)
    }
}

extension StatusReport {
    /// USB sticks out and back: who holds which, since when.
    static func usb(_ s: StatusSummary) -> [ReportBlock] {
        [
            .heading("USB-minnen (\(s.sticksOut.count) ute av \(s.custody.count))"),
            .table(
                ReportTable(
                    columns: [
                        .init("Nr"), .init("Hos"), .init("Arbetsplats"), .init("Sedan"), .init("Återlämnat"),
                        .init("Status"),
                    ],
                    rows: s.custody.map { c in
                        [
                            c.item, c.holder, c.workplace, c.issued?.description ?? "", c.returned?.description ?? "",
                            c.isOut ? "ute (saknar \(c.missing ?? ""))" : "återlämnat, infört och rensat",
                        ]
                    }, emptyText: "")),
        ]
    }
}

extension StatusSummary {
    /// A copy whose unregistered records are exactly `deadlines` (for listing a subset).
    static func limited(_ s: StatusSummary, to deadlines: [RecordDeadline]) -> StatusSummary {
        var copy = s
        copy.deadlines = deadlines
        return copy
    }
}
