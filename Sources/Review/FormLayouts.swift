import FormKit

/// The layouts of the forms met during review, made once each: field labels,
/// options and whether a field is required.
public final class FormLayouts {
    let catalog: FormCatalog?
    private var layouts: [String: SheetLayout?] = [:]

    public init(catalog: FormCatalog?) { self.catalog = catalog }

    public func layout(form: String) -> SheetLayout? {
        if let known = layouts[form] { return known }
        let made = catalog?.form(form).flatMap { try? LayoutEngine.layout($0) }
        layouts[form] = made
        return made
    }

    public func field(form: String, id: String) -> FieldLayout? { layout(form: form)?.field(id) }

    /// "Bilaga 3 Manuell förteckning …" or the form id when the form is unknown.
    public func title(form: String) -> String {
        guard let layout = layout(form: form) else { return form }
        return [layout.label, layout.title].compactMap { $0 }.joined(separator: " ")
    }

    /// The field's label, e.g. "Personnummer", or its id when the form is unknown.
    public func label(form: String, id: String) -> String { field(form: form, id: id)?.label ?? id }
}
