import FormKit
import Haru

/// What a print run holds, page by page, before anything is drawn.
public struct BinderPlan: Sendable {
    public enum Content: Sendable {
        case cover
        case contents
        case quickReference(BinderContent.OutageLevel)
        case returnToNormal
        case contacts
        case form(FormDefinition, copy: Int, of: Int)
    }

    public struct Page: Sendable {
        public var content: Content
        public var sheet: SheetID
    }

    public struct Section: Sendable {
        public var title: String
        public var firstPage: Int
    }

    public var binderID: String
    public var pages: [Page] = []
    public var sections: [Section] = []

    /// Page ids of the binder's own text pages; version 1 of each.
    static func textSheetID(_ content: Content) -> String {
        switch content {
        case .cover: return BinderTextPage.cover
        case .contents: return BinderTextPage.contents
        case .quickReference(let level): return BinderTextPage.quickReference(level: level.level)
        case .returnToNormal: return BinderTextPage.returnToNormal
        case .contacts: return BinderTextPage.contacts
        case .form(let form, _, _): return form.id
        }
    }

    mutating func append(_ content: Content, section: String? = nil) {
        let serial = pages.count + 1
        if let section { sections.append(Section(title: section, firstPage: serial)) }
        let version: Int
        if case .form(let form, _, _) = content { version = form.version } else { version = 1 }
        pages.append(
            Page(
                content: content,
                sheet: SheetID(
                    form: Self.textSheetID(content), version: version,
                    binder: binderID, serial: serial)))
    }

    mutating func append(form: FormDefinition, copies: Int, section: String? = nil) {
        for copy in 1...max(1, copies) {
            append(.form(form, copy: copy, of: copies), section: copy == 1 ? section : nil)
        }
    }

    /// The whole binder for the unit: cover, contents, quick references per
    /// level, the return-to-normal checklist, contacts, templates, lists and
    /// the calibration sheet. The unit type decides which forms it holds.
    public static func binder(
        catalog: FormCatalog, unit: UnitConfiguration, content: BinderContent,
        binderID: String
    ) -> BinderPlan {
        var plan = BinderPlan(binderID: binderID)
        plan.append(.cover)
        plan.append(.contents)
        for (i, level) in content.levels.enumerated() {
            plan.append(.quickReference(level), section: i == 0 ? "Snabbguide per avbrottsnivå" : nil)
        }
        plan.append(.returnToNormal, section: content.returnToNormal.title)
        plan.append(.contacts, section: "Kontakter")
        let forms = catalog.forms.filter { $0.units.contains(unit.type) && unit.sheetCount(for: $0) > 0 }
        for form in forms where form.kind == .contacts {
            plan.append(form: form, copies: unit.sheetCount(for: form), section: sectionTitle(form))
        }
        for kind in [FormKind.template, .continuation, .list, .calibration] {
            for form in forms where form.kind == kind {
                plan.append(form: form, copies: unit.sheetCount(for: form), section: sectionTitle(form))
            }
        }
        return plan
    }

    /// Extra blank sheets of one form, as their own print run.
    public static func extraSheets(of form: FormDefinition, copies: Int, binderID: String) -> BinderPlan {
        var plan = BinderPlan(binderID: binderID)
        plan.append(form: form, copies: copies, section: sectionTitle(form))
        return plan
    }

    static func sectionTitle(_ form: FormDefinition) -> String {
        form.label.map { "\($0): \(form.title)" } ?? form.title
    }
}
