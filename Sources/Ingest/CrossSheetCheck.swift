import Drafts
import FormKit

/// Running totals from sheet to sheet (bilaga 5): the amount carried over at
/// the top of a sheet must be the total on the last row of the sheet before.
/// Run after ingest, over everything stored, so the order of the scans does
/// not matter.
struct CrossSheetCheck {
    let catalog: FormCatalog
    let store: DraftStore

    func apply() throws {
        for form in catalog.forms {
            for case let .runningTotal(_, total, _, carried?, sheetNumber) in form.checks {
                try check(form: form.id, total: total, carried: carried, sheetNumber: sheetNumber)
            }
        }
    }

    struct Sheet {
        var number: Int
        var carried: StoredField?
        var lastTotal: Int?
    }

    func check(form: String, total: String, carried: String, sheetNumber: String?) throws {
        let records = try store.records(form: form)
        var sheets: [Int64: Sheet] = [:]
        for record in records {
            var sheet = sheets[record.pageID] ?? Sheet(number: Self.serial(record.sheet), carried: nil, lastTotal: nil)
            if record.row == nil {
                if let n = sheetNumber.flatMap({ record.field($0)?.value }).flatMap({ Int($0) }) { sheet.number = n }
                sheet.carried = record.field(carried)
            } else if let value = record.fields.first(where: { $0.fieldID.hasSuffix(".\(total)") })?.value.flatMap({ Int($0) }) {
                // Records come in row order, so the last one seen is the sheet's last total.
                sheet.lastTotal = value
            }
            sheets[record.pageID] = sheet
        }
        let ordered = sheets.values.sorted { $0.number < $1.number }
        for (previous, sheet) in zip(ordered, ordered.dropFirst()) where sheet.number == previous.number + 1 {
            guard let expected = previous.lastTotal, let carried = sheet.carried else { continue }
            let written = carried.value.flatMap { Int($0) }
            if written != expected {
                try store.addValidationMessage(fieldRowID: carried.id,
                    "Överfört belopp ska vara \(expected) kr: totalen på sista raden av blad \(previous.number)")
            }
        }
    }

    /// The sheet serial from a sheet code, for sheets without a written number.
    static func serial(_ payload: String?) -> Int {
        payload.flatMap(SheetID.init(payload:))?.serial ?? 0
    }
}
