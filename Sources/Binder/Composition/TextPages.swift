import FormKit
import Foundation
import Haru
import Platform

/// The binder's own text pages: cover, contents, quick references, the
/// return-to-normal checklist and the contact list.
struct TextPages {
    let unit: UnitConfiguration
    let content: BinderContent
    let printedOn: Date
    let fonts: FontSet
    let frame: PageFrame

    func flow(_ name: String, top: Double? = nil) -> TextFlow {
        TextFlow(fonts: fonts, frame: frame, pageName: name, top: top)
    }

    func cover(binderID: String, pageCount: Int) throws -> [Element] {
        var f = flow("omslag", top: 80)
        f.paragraph(content.title, size: 24, style: .bold)
        f.space(2)
        f.paragraph(content.subtitle, size: 12, grey: 0.25)
        f.space(18)
        f.paragraph(unit.name, size: 15, style: .bold)
        f.paragraph(unit.administration, size: 11)
        f.paragraph(unit.type.swedishName, size: 11, grey: 0.25)
        f.space(14)
        f.table(
            header: ["Uppgift", "Värde"],
            rows: [
                ["Utskriven", SwedishDate.string(printedOn)],
                ["Pärm-id", binderID],
                ["Antal sidor", "\(pageCount)"],
                ["Program", "Avbrott \(ProgramVersion.current)"],
            ],
            widths: [45, 80], size: 10)
        f.space(14)
        f.paragraph(content.coverNote, size: 9.5)
        try f.checkFits()
        return f.elements
    }

    func contents(_ sections: [BinderPlan.Section]) throws -> [Element] {
        var f = flow("innehåll")
        f.sheetHeader(label: content.title, title: "Innehåll")
        let size = 10.0
        for section in sections {
            f.space(TextMetrics.lineHeight(size) + 1.2)
            f.text(section.title, x: frame.left, size: size)
            f.text("\(section.firstPage)", x: frame.right, size: size, align: .right)
            f.elements.append(
                .line(
                    from: Point(x: frame.left, y: f.y + 1.2), to: Point(x: frame.right, y: f.y + 1.2),
                    width: 0.1, grey: 0.75))
        }
        try f.checkFits()
        return f.elements
    }

    func quickReference(_ level: BinderContent.OutageLevel) throws -> [Element] {
        var f = flow("snabbguide nivå \(level.level)")
        f.sheetHeader(label: "Snabbguide · avbrottsnivå \(level.level)", title: level.name)
        for section in level.sections(for: unit.type) {
            f.heading(section.heading)
            f.bullets(section.items)
        }
        try f.checkFits()
        return f.elements
    }

    func returnToNormal(forms: [FormDefinition]) throws -> [Element] {
        let back = content.returnToNormal
        var f = flow("återgång")
        f.sheetHeader(label: "Återgång till normalläge", title: back.title)
        f.paragraph(back.intro)
        f.heading("Registrering och tidsfrister")
        // The routes for this unit's type, from the forms (the plan's table).
        let rows = forms.flatMap { form -> [[String]] in
            if let custody = form.custody {
                return [
                    [
                        BinderPlan.sectionTitle(form), "Registreras inte: återlämnas till \(custody.returnToName)",
                        "När allt är infört",
                    ]
                ]
            }
            return (form.registration?.routes ?? []).filter { $0.units.contains(unit.type) }.map { route in
                let when = route.condition.map { " (\(form.conditionText($0)))" } ?? ""
                let by = route.by.map { ", av \($0)" } ?? ""
                return [
                    BinderPlan.sectionTitle(form) + when, route.system + by,
                    Swedish.capitalised(route.deadline.swedishDescription),
                ]
            }
        }
        f.table(header: ["Handling", "Registreras i", "Senast"], rows: rows, widths: [92, 48, 38])
        f.heading("Checklista")
        f.checklist(back.items)
        try f.checkFits()
        return f.elements
    }

    func contacts() throws -> [Element] {
        var f = flow("kontakter")
        f.sheetHeader(label: "Kontakter", title: "Kontakter och ansvar")
        f.paragraph("\(unit.name), \(unit.administration)", size: 9.5, grey: 0.25)
        f.space(4)
        let rows = unit.contacts.map { c in
            [c.role.swedishName, c.name, c.unit ?? "", c.phone ?? "", c.email ?? ""]
        }
        f.table(
            header: ["Roll", "Namn", "Enhet", "Telefon", "E-post"], rows: rows,
            widths: [40, 34, 28, 24, 52], size: 7.5)
        f.space(6)
        f.paragraph(
            "Stadsdelsdirektören eller krisledningen beslutar när avbrottsplanen träder i kraft. "
                + "Information om driftläget går ut via e-post och intranätet, annars via sms till enhetscheferna "
                + "eller på anslagstavlorna i förvaltningens lokaler.", size: 9)
        try f.checkFits()
        return f.elements
    }
}
