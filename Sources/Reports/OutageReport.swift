import Drafts
import FormKit
import Foundation
import Haru

/// The management group's summary after an outage: what was produced,
/// decided and paid, which USB sticks came back, and what is still to be
/// registered. No client names or personnummer: it may be shown to the
/// union representatives who take part in the analysis.
public enum OutageReport {
    public static func document(_ a: StatusAnalysis, generatedOn: String) -> ReportDocument {
        let s = a.summary
        var blocks: [ReportBlock] = []
        blocks.append(
            .title(
                "Sammanställning efter avbrottet i sociala system",
                subtitle: "Underlag för ledningsgruppens analys tillsammans med fackliga företrädare. "
                    + "Skapad \(generatedOn). Innehåller inga klientuppgifter."))
        blocks.append(.heading("Avbrottet"))
        blocks.append(.facts(outageFacts(s)))
        blocks.append(.paragraph(fortyEightHourRule(s)))
        blocks.append(.facts(progressFacts(s)))

        blocks.append(
            .bars(
                ReportBarChart(
                    title: "Poster per blankett", series: ["Registrerade", "Ej registrerade"],
                    bars: s.forms.filter { $0.records > 0 }.map {
                        .init(shortName($0), [$0.registered, $0.records - $0.registered])
                    })))

        blocks.append(.heading("Per blankett"))
        blocks.append(.table(formTable(s)))

        blocks.append(.heading("Upprättade handlingar"))
        blocks.append(
            .paragraph(
                "Enligt förteckningen över övriga upprättade handlingar (bilaga 4), per typ av handling, "
                    + "och de ifyllda mallarna."))
        blocks.append(
            .bars(
                ReportBarChart(
                    title: "Bilaga 4: vad som har upprättats", series: ["Handlingar"],
                    bars: a.documentTypes.map { .init($0.label, [$0.count]) })))
        blocks.append(
            .table(
                ReportTable(
                    columns: [.init("Mall", weight: 3), .init("Blad", alignment: .right)],
                    rows: a.templates.map { [$0.label, "\($0.count)"] },
                    emptyText: "Inga ifyllda mallar har lästs in.")))

        blocks.append(.heading("Beslut (bilaga 3)"))
        blocks.append(
            .facts([
                ("Beslut", "\(a.decisions.total)"), ("Registrerade i Paraplyet", "\(a.decisions.registered)"),
                ("Försenade", "\(a.decisions.overdue)"),
            ]))
        blocks.append(
            .table(
                ReportTable(
                    columns: [.init("Beslutsdatum", weight: 2), .init("Beslut", alignment: .right)],
                    rows: a.decisions.perDay.sorted { $0.key < $1.key }.map { [$0.key, "\($0.value)"] },
                    emptyText: "Inga beslut har lästs in.")))

        blocks.append(contentsOf: payments(a.payments))
        blocks.append(contentsOf: sticks(a.sticks))

        blocks.append(.heading("Ej registrerat"))
        blocks.append(
            .paragraph(
                "Poster som ännu inte är markerade som registrerade, med var och när enligt planen för enhetens "
                    + "typ (\(s.unit.swedishName.lowercased())). \"Snarast\" betyder så snart systemen fungerar "
                    + "igen; planen anger inget antal dagar."))
        blocks.append(.table(unregisteredTable(s)))

        blocks.append(.heading("Problem under och efter avbrottet"))
        let followUps = s.deadlines.filter { $0.record.followUp }.count
        blocks.append(
            .facts([
                ("Oidentifierade sidor", "\(s.unidentified.count)"),
                ("Olästa filer", "\(s.unreadableFiles.count)"),
                ("Poster markerade för uppföljning", "\(followUps)"),
                ("Varningar som godkänts vid granskning", "\(s.acceptedWarnings.count)"),
                ("USB-minnen ej återlämnade", "\(s.sticksOut.count)"),
            ]))

        if !s.unidentified.isEmpty || !s.unreadableFiles.isEmpty {
            blocks.append(.heading("Sidor och filer som inte kunde läsas"))
            blocks.append(
                .table(
                    ReportTable(
                        columns: [
                            .init("Fil", weight: 2.2), .init("Sida", weight: 0.5, alignment: .right),
                            .init("Orsak", weight: 4),
                        ],
                        rows: s.unidentified.map { [$0.source, "\($0.pageNumber)", $0.reason ?? ""] }
                            + s.unreadableFiles.map { [$0.name, "", $0.error ?? ""] })))
        }
        blocks.append(contentsOf: analysisPage(s))
        return ReportDocument(
            title: "Sammanställning efter avbrott", footer: "Avbrott · sammanställning \(generatedOn)",
            blocks: blocks)
    }

    static func outageFacts(_ s: StatusSummary) -> [(String, String)] {
        guard let outage = s.outage else { return [("Avbrottet", "okänt: inget är inläst och inga datum angivna")] }
        return [
            ("Början", outage.start?.description ?? "ej angiven (avbrott outage --start)"),
            ("Slut", outageEndText(s)),
            ("Längd", outage.days.map { Swedish.count($0, "dag", "dagar") } ?? "okänd (början ej angiven)"),
        ]
    }

    /// Whether the plan's 48-hour rule applies: an outage longer than 48 hours
    /// is analysed by the management group with the union representatives.
    /// Dates only: an outage over three calendar days is certainly longer, one
    /// of one or two days certainly not, three days depends on the hours.
    static func fortyEightHourRule(_ s: StatusSummary) -> String {
        guard let days = s.outage?.days else {
            return "48-timmarsregeln: kan inte avgöras förrän avbrottets början är angiven."
        }
        switch days {
        case ...2:
            return "Avbrottet varade högst två dagar, alltså högst 48 timmar: planens analys efter långa "
                + "avbrott krävs inte, men sammanställningen kan ändå användas."
        case 3:
            return "Avbrottet berörde tre dagar: om det varade mer än 48 timmar ska ledningsgruppen analysera det "
                + "tillsammans med de fackliga företrädarna (timmarna avgör; datumen räcker inte)."
        default:
            return "Avbrottet varade mer än 48 timmar: ledningsgruppen ska analysera det tillsammans med de "
                + "fackliga företrädarna. Sista sidan är underlaget för mötet."
        }
    }

    static func progressFacts(_ s: StatusSummary) -> [(String, String)] {
        let total = s.deadlines.count
        let registered = s.deadlines.filter { $0.record.status == .registered }.count
        let late = s.deadlines.filter(\.registeredLate).count
        let dated = s.deadlines.filter { $0.due != nil }
        let kept = dated.filter { $0.record.status == .registered && !$0.registeredLate }.count
        return [
            ("Inlästa sidor", pageCounts(s)),
            ("Poster att registrera", "\(total), varav \(registered) registrerade"),
            (
                "Tidsfrister med datum",
                "\(dated.count): \(kept) hållna, \(late) registrerade för sent, "
                    + "\(s.overdue.count) ej registrerade efter fristen"
            ),
        ]
    }

    /// A page to fill in by hand at the analysis meeting.
    static func analysisPage(_ s: StatusSummary) -> [ReportBlock] {
        var blocks: [ReportBlock] = [
            .pageBreak,
            .heading("Analys: ledningsgruppen och fackliga företrädare"),
            .paragraph("Fylls i för hand vid mötet. Datum för mötet: ____________________"),
        ]
        for heading in [
            "Vad fungerade bra med reservrutinerna?",
            "Vad fungerade inte, och varför?",
            "Arbetsmiljö och belastning för medarbetarna",
            "Risker för klienterna, och hur de hanterades",
            "Åtgärder, ansvarig och när",
        ] {
            blocks.append(.heading(heading))
            blocks.append(.writingLines(4))
        }
        blocks.append(.signatures(["Ordförande, ledningsgruppen", "Facklig företrädare"]))
        return blocks
    }

    static func outageEndText(_ s: StatusSummary) -> String {
        guard let outage = s.outage else { return "okänt (inget inläst)" }
        return outage.endAssumed ? "\(outage.end) (dagen för första inläsningen)" : outage.end.description
    }

    static func pageCounts(_ s: StatusSummary) -> String {
        let identified = s.pages.filter { $0.status == .identified }.count
        return "\(s.pages.count): \(identified) \(identified == 1 ? "identifierad" : "identifierade")"
            + (s.blank.isEmpty ? "" : " (varav \(s.blank.count) utan något ifyllt)") + ", "
            + "\(s.unidentified.count) \(s.unidentified.count == 1 ? "oidentifierad" : "oidentifierade"), "
            + Swedish.count(s.duplicates.count, "dubblett", "dubbletter")
    }

    static func shortName(_ row: StatusSummary.FormRow) -> String {
        guard let form = row.form else { return row.formID }
        return form.label.map { "\($0): \(form.title)" } ?? form.title
    }

    static func formTable(_ s: StatusSummary) -> ReportTable {
        ReportTable(
            columns: [
                .init("Blankett", weight: 1.5), .init("Blad", weight: 0.7, alignment: .right),
                .init("Poster", weight: 0.9, alignment: .right), .init("Utkast", weight: 0.9, alignment: .right),
                .init("Granskade", weight: 1.3, alignment: .right),
                .init("Registr.", weight: 1.5, alignment: .right),
                .init("Försen.", weight: 1.3, alignment: .right),
                .init("Registreras i, senast", weight: 4),
            ],
            rows: s.forms.map { f in
                [
                    f.form?.label ?? f.formID, "\(f.sheets)", "\(f.records)", "\(f.drafted)", "\(f.verified)",
                    "\(f.registered)", "\(f.overdue)", f.routesText,
                ]
            }, emptyText: "Inget har lästs in.")
    }

    static func kronor(_ n: Int) -> String { Swedish.kronor(n) }

    static func payments(_ p: StatusAnalysis.Payments) -> [ReportBlock] {
        var facts: [(String, String)] = [("Utbetalningar", "\(p.count)"), ("Summa av beloppen", kronor(p.sum))]
        if p.unreadAmounts > 0 { facts.append(("Belopp som inte kunnat läsas", "\(p.unreadAmounts)")) }
        if let last = p.lastTotal {
            facts.append(
                ("Totalt utbetalt från ICA-kontot", kronor(last) + (p.threshold.map { " av " + kronor($0) } ?? "")))
        }
        facts.append(
            (
                "Varningsnivå",
                p.warningLevel.map { kronor($0) + " (enhetens inställning)" }
                    ?? "ingen angiven i enhetens inställningar (ica_account.warn_at)"
            ))
        if p.warn { facts.append(("Att göra", "Stäm av ICA-kontot med ekonomichefen.")) }
        facts.append(("Rader där totalen inte stämmer", "\(p.totalMismatches)"))
        var blocks: [ReportBlock] = [.heading("Utbetalningar via ICA-kort (bilaga 5)"), .facts(facts)]
        func paid(_ by: String, _ sums: [String: Int], empty: String) -> ReportBlock {
            .table(
                ReportTable(
                    columns: [.init(by, weight: 2), .init("Utbetalt", alignment: .right)],
                    rows: sums.sorted { $0.key < $1.key }.map { [$0.key, kronor($0.value)] }, emptyText: empty))
        }
        blocks.append(paid("Datum", p.perDay, empty: "Inga utbetalningar har lästs in."))
        blocks.append(paid("Beslutsfattare", p.perDecisionMaker, empty: ""))
        if p.threshold != nil {
            blocks.append(
                .paragraph(
                    "Avstämningar: rader där totalen nådde varningsnivån (eller ett helt belopp på kontogränsen), "
                        + "då kontot skulle stämmas av med ekonomichefen."))
        }
        blocks.append(
            .table(paymentTable(p.reconciliations, empty: "Ingen avstämning behövdes enligt de inlästa raderna.")))
        if !p.mismatches.isEmpty {
            blocks.append(.paragraph("Rader där den skrivna totalen inte är föregående total plus beloppet:"))
            blocks.append(.table(paymentTable(p.mismatches, empty: "")))
        }
        return blocks
    }

    static func paymentTable(_ rows: [StatusAnalysis.Payment], empty: String) -> ReportTable {
        ReportTable(
            columns: [
                .init("Datum", weight: 1.2), .init("Verifikation", weight: 1.2), .init("Belopp", alignment: .right),
                .init("Totalt", weight: 1.2, alignment: .right), .init("Fil", weight: 2.4),
                .init("Sida", weight: 0.5, alignment: .right), .init("Rad", weight: 0.5, alignment: .right),
            ],
            rows: rows.map { r in
                [
                    r.date ?? "?", r.voucher ?? "?", r.amount.map(kronor) ?? "?", r.total.map(kronor) ?? "?",
                    r.source, "\(r.page)", r.row.map { "\($0)" } ?? "",
                ]
            }, emptyText: empty)
    }

    static func sticks(_ sticks: [CustodyItem]) -> [ReportBlock] {
        let out = sticks.filter(\.isOut).count
        return [
            .heading("USB-minnen (bilaga 2)"),
            .bars(
                ReportBarChart(
                    title: "Utlämnade USB-minnen", series: ["Återlämnade", "Ej återlämnade"],
                    bars: [.init("USB-minnen", [sticks.count - out, out])])),
            .table(
                ReportTable(
                    columns: [
                        .init("USB-minne nr", weight: 1.2), .init("Arbetsplats", weight: 1.6),
                        .init("Utlämnat", weight: 1.2), .init("Återlämnat", weight: 1.2), .init("Status", weight: 2),
                    ],
                    rows: sticks.map { s in
                        [
                            s.item.isEmpty ? "?" : s.item, s.workplace, s.issued?.description ?? "?",
                            s.returned?.description ?? "–",
                            s.isOut ? "ute (saknar \(s.missing ?? ""))" : "återlämnat, infört och rensat",
                        ]
                    }, emptyText: "Inga USB-minnen har lämnats ut enligt de inlästa listorna.")),
        ]
    }

    static func unregisteredTable(_ s: StatusSummary, emptyText: String = "Allt är registrerat.") -> ReportTable {
        let status: [RecordStatus: String] = [.draft: "utkast", .verified: "granskad", .registered: "registrerad"]
        return ReportTable(
            columns: [
                .init("Post", weight: 0.6, alignment: .right), .init("Blankett", weight: 1.1),
                .init("Fil", weight: 1.9),
                .init("Sida", weight: 0.6, alignment: .right), .init("Rad", weight: 0.5, alignment: .right),
                .init("Status", weight: 0.9), .init("Registreras i", weight: 1.7), .init("Senast", weight: 1.2),
                .init("", weight: 1.1),
            ],
            rows: s.unregistered.map { d in
                [
                    "\(d.record.id)", d.record.form, d.record.source, "\(d.record.pageNumber)",
                    d.record.row.map { "\($0)" } ?? "",
                    status[d.record.status] ?? "", d.system, d.dueText, d.overdue ? "försenad" : "",
                ]
            }, emptyText: emptyText)
    }
}
