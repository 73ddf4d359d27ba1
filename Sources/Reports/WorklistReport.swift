import FormKit
import Foundation

/// The worklist as a document: on the terminal (ReportText) a section per
/// system and handläggare; on paper (ReportPDF, A4) a page per system with a
/// column to tick "registrerad, datum, sign.".
public enum WorklistReport {
    public static func document(_ w: Worklist, title: String, printable: Bool) -> ReportDocument {
        var blocks: [ReportBlock] = [
            .title(
                title,
                subtitle: "\(Swedish.count(w.items.count, "post", "poster")) att registrera, "
                    + "\(Swedish.count(w.usb.count, "USB-minne", "USB-minnen")) ute. "
                    + "Ordnat efter system, handläggare och tidsfrist.")
        ]
        let systems = Worklist.firstSeenOrder(w.items.map(\.system)).sorted { $0.value < $1.value }.map(\.key)
        for (n, system) in systems.enumerated() {
            if printable && n > 0 { blocks.append(.pageBreak) }
            let inSystem = w.items.filter { $0.system == system }
            blocks.append(.heading("\(system) (\(Swedish.count(inSystem.count, "post", "poster")))"))
            let clerks = Worklist.firstSeenOrder(inSystem.map { $0.clerk ?? "" }).sorted { $0.value < $1.value }
            for (clerk, _) in clerks {
                let mine = inSystem.filter { ($0.clerk ?? "") == clerk }
                blocks.append(.paragraph("Handläggare: " + (clerk.isEmpty ? "ej angiven på pappret" : clerk)))
                blocks.append(.table(table(mine, printable: printable)))
            }
        }
        if systems.isEmpty {
            blocks.append(.paragraph("Inget kvar att registrera med de valda villkoren."))
        }
        blocks.append(.heading("USB-minnen som är ute (\(w.usb.count))"))
        blocks.append(
            .table(
                ReportTable(
                    columns: [
                        .init("Nr", weight: 0.7), .init("Hos", weight: 1.6), .init("Arbetsplats", weight: 1.6),
                        .init("Sedan", weight: 1.1), .init("Saknar", weight: 1.6), .init("Blad, rad", weight: 1.6),
                    ],
                    rows: w.usb.map { s in
                        [
                            s.number, s.holder, s.workplace, s.since ?? "", s.missing,
                            [s.sheet, s.row.map { "rad \($0)" }].compactMap { $0 }.joined(separator: " "),
                        ]
                    }, emptyText: "Inga: alla utlämnade minnen är återlämnade, införda och rensade.")))
        if let ica = w.ica {
            blocks.append(.heading("ICA-kontot"))
            var facts: [(String, String)] = [
                ("Utbetalningar", "\(ica.payments)"),
                (
                    "Totalt utbetalt",
                    (ica.total.map(Swedish.kronor) ?? "okänt") + (ica.limit.map { " av " + Swedish.kronor($0) } ?? "")
                ),
            ]
            if ica.reconcile { facts.append(("Att göra", "Stäm av ICA-kontot med ekonomichefen.")) }
            if ica.mismatches > 0 { facts.append(("Rader där totalen inte stämmer", "\(ica.mismatches)")) }
            blocks.append(.facts(facts))
        }
        return ReportDocument(title: title, footer: "Avbrott · arbetslista", blocks: blocks)
    }

    static func table(_ items: [Worklist.Item], printable: Bool) -> ReportTable {
        if printable { return printedTable(items) }
        let columns: [ReportTable.Column] = [
            .init("Senast", weight: 1.2), .init("Vad", weight: 2), .init("Klient", weight: 1.6),
            .init("Personnummer", weight: 1.4), .init("Status", weight: 0.9), .init("Papperet", weight: 1.8),
            .init("Att notera", weight: 2.4),
        ]
        return ReportTable(
            columns: columns,
            rows: items.map { i in
                let row = [
                    (i.due ?? "snarast") + (i.overdue ? " (försenad)" : ""),
                    i.formTitle + (i.date.map { ", \($0)" } ?? ""),
                    i.name ?? "", i.personnummer ?? "", i.status,
                    [i.sheet, i.row.map { "rad \($0)" }].compactMap { $0 }.joined(separator: " "),
                    (i.notes + i.warnings.map { "Varning: \($0)" } + (i.by.map { ["Registreras av \($0)"] } ?? []))
                        .joined(separator: "; "),
                ]
                return row
            }, emptyText: "")
    }

    /// On A4: what fits the width without cutting a personnummer, and an
    /// empty column to write the registration's date and sign in.
    static func printedTable(_ items: [Worklist.Item]) -> ReportTable {
        ReportTable(
            columns: [
                .init("Senast", weight: 1.05), .init("Vad", weight: 1.15), .init("Klient", weight: 1.6),
                .init("Personnummer", weight: 1.35), .init("Blad, rad", weight: 1.3), .init("Att notera", weight: 1.45),
                .init("Registrerad, sign.", weight: 2.45),
            ],
            rows: items.map { i in
                [
                    i.due ?? "snarast", i.formLabel, i.name ?? "", i.personnummer ?? "",
                    [i.sheet, i.row.map { "r\($0)" }].compactMap { $0 }.joined(separator: " "),
                    ([i.status == "utkast" ? "granskas först" : nil, i.overdue ? "försenad" : nil].compactMap { $0 }
                        + (i.notes.contains { $0.hasPrefix("Uppföljning") } ? ["uppföljning"] : [])
                        + (i.warnings.isEmpty ? [] : ["varning"])).joined(separator: ", "),
                    "",
                ]
            }, emptyText: "")
    }
}
