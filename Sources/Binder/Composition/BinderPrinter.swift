import FormKit
import Foundation
import Haru
import Platform

/// Draws a `BinderPlan` into one PDF: every page with its registration marks,
/// its 2D sheet code and a page number.
public struct BinderPrinter {
    public let unit: UnitConfiguration
    public let content: BinderContent
    public let printedOn: Date
    public let fontDirectory: String

    public init(
        unit: UnitConfiguration, content: BinderContent, printedOn: Date = Date(),
        fontDirectory: String = FontSet.defaultDirectory
    ) {
        self.unit = unit
        self.content = content
        self.printedOn = printedOn
        self.fontDirectory = fontDirectory
    }

    /// Renders the plan and writes it atomically to `path` (owner-only permissions).
    public func write(_ plan: BinderPlan, to path: String) throws {
        let document = try render(plan)
        try AtomicFile.write(try document.data(), to: FilePath(path))
    }

    public func render(_ plan: BinderPlan) throws -> PDFDocument {
        guard !plan.pages.isEmpty else { throw BinderError.nothingToPrint(unit: unit.name) }
        let document = try PDFDocument()
        try document.setInfo(
            title: "\(content.title): \(unit.name)", author: unit.administration,
            creator: "avbrott")
        let fonts = try FontSet.load(into: document, directory: fontDirectory)
        let renderer = SheetRenderer(fonts: fonts)
        var layouts: [String: SheetLayout] = [:]
        let footer = "\(unit.name) · \(content.title) · utskriven \(SwedishDate.string(printedOn))"

        for (index, planned) in plan.pages.enumerated() {
            let elements: [Element]
            let frame: PageFrame
            switch planned.content {
            case .form(let form, _, _):
                let layout = try layouts[form.id] ?? LayoutEngine.layout(form)
                layouts[form.id] = layout
                frame = layout.frame
                elements = layout.elements + prefill(form, layout)
            default:
                frame = PageFrame(page: Paper.a4(.portrait))
                elements = try textPage(planned, plan: plan, fonts: fonts, frame: frame)
            }
            let page = try document.addPage(widthMM: frame.page.width, heightMM: frame.page.height)
            try renderer.draw(elements, on: page)
            try renderer.drawFrame(
                frame, sheet: planned.sheet, footer: footer,
                pageLabel: "Sida \(index + 1) av \(plan.pages.count)", on: page)
        }
        return document
    }

    /// Rows of a contacts form printed from the unit configuration.
    func prefill(_ form: FormDefinition, _ layout: SheetLayout) -> [Element] {
        guard let prefill = form.table?.prefill,
            let role = ContactRole(rawValue: prefill.role)
        else { return [] }
        var elements: [Element] = []
        for (i, contact) in unit.contacts(withRole: role).prefix(layout.rowCount).enumerated() {
            for (column, attribute) in prefill.columns {
                guard let value = contact.value(attribute),
                    let field = layout.field("r\(String(format2: i + 1)).\(column)")
                else { continue }
                elements.append(
                    .text(
                        value, at: Point(x: field.rect.minX + 1, y: field.rect.center.y + 1.3),
                        size: 7.5, font: .regular, align: .left, grey: 0))
            }
        }
        return elements
    }

    func textPage(_ planned: BinderPlan.Page, plan: BinderPlan, fonts: FontSet, frame: PageFrame) throws -> [Element] {
        let pages = TextPages(unit: unit, content: content, printedOn: printedOn, fonts: fonts, frame: frame)
        switch planned.content {
        case .cover: return try pages.cover(binderID: plan.binderID, pageCount: plan.pages.count)
        case .contents: return try pages.contents(plan.sections)
        case .quickReference(let level): return try pages.quickReference(level)
        case .returnToNormal:
            return try pages.returnToNormal(
                forms: plan.pages.compactMap {
                    if case .form(let form, let copy, _) = $0.content, copy == 1 { return form } else { return nil }
                })
        case .contacts: return try pages.contacts()
        case .form: return []
        }
    }
}

extension String {
    init(format2 value: Int) { self = value < 10 ? "0\(value)" : "\(value)" }
}

/// Dates as Swedes write them: 2026-11-27, in Stockholm time.
public enum SwedishDate {
    public static func string(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Stockholm") ?? .current
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        func two(_ v: Int?) -> String {
            let v = v ?? 0
            return v < 10 ? "0\(v)" : "\(v)"
        }
        return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day))"
    }
}
