import Assessment
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
            for case .runningTotal(_, let total, _, let carried?, let sheetNumber) in form.checks {
                try check(form: form.id, total: total, carried: carried, sheetNumber: sheetNumber)
            }
        }
    }

    struct Sheet {
        var number: Int
        var carried: DraftField?
        var lastTotal: Int?
    }

    func check(form: String, total: String, carried: String, sheetNumber: String?) throws {
        let records = try store.records(form: form)
        var sheets: [Int64: Sheet] = [:]
        for record in records {
            var sheet = sheets[record.pageID] ?? Sheet(number: Self.serial(record.sheet), carried: nil, lastTotal: nil)
            if record.row == nil {
                if let n = sheetNumber.flatMap({ record.value($0).canonicalText }).flatMap({ Int($0) }) {
                    sheet.number = n
                }
                sheet.carried = record.field(carried)
            } else if let value = record.value(total).kronor {
                // Records come in row order, so the last one seen is the sheet's last total.
                sheet.lastTotal = value
            }
            sheets[record.pageID] = sheet
        }
        let ordered = sheets.values.sorted { $0.number < $1.number }
        for (previous, sheet) in zip(ordered, ordered.dropFirst()) where sheet.number == previous.number + 1 {
            guard let expected = previous.lastTotal, let carried = sheet.carried else { continue }
            if carried.value.kronor != expected, let id = carried.id {
                try store.addNote(
                    fieldRowID: id,
                    RecordChecks.carriedOverNote(
                        expected: expected,
                        previousSheet: previous.number))
            }
        }
    }

    /// The sheet serial from a sheet code, for sheets without a written number.
    static func serial(_ payload: String?) -> Int {
        payload.flatMap(SheetID.init(payload:))?.serial ?? 0
    }
}
