import Assessment
import Drafts
import FormKit
import Foundation
import Leptonica

/// Groups a page's read fields into records (one per filled table row, one
/// for the sheet's own fields) and checks each with `RecordChecks`.
struct RecordBuilder {
    let form: FormDefinition

    func records(from fields: [ReadField]) throws -> [RecordDraft] {
        let checks = RecordChecks(form: form)
        var sheetFields: [ReadField] = []
        var rows: [Int: [ReadField]] = [:]
        for field in fields {
            if let row = field.layout.row { rows[row, default: []].append(field) } else { sheetFields.append(field) }
        }
        var records: [RecordDraft] = []
        var sheetChecked = sheetFields.map(\.checked)
        if !sheetFields.isEmpty {
            checks.check(&sheetChecked, filled: form.kind != .list || sheetFields.contains { $0.assessment.hasInk })
            records.append(RecordDraft(row: nil, fields: try zip(sheetFields, sheetChecked).map(draft)))
        }
        var previousTotal = checks.carriedTotal(sheetChecked)
        for row in rows.keys.sorted() {
            guard let rowFields = rows[row], rowFields.contains(where: { $0.assessment.hasInk }) else { continue }
            var checked = rowFields.map(\.checked)
            checks.check(&checked, filled: true)
            checks.checkRunningTotal(&checked, previous: &previousTotal)
            records.append(RecordDraft(row: row, fields: try zip(rowFields, checked).map(draft)))
        }
        return records
    }

    /// The field as stored, with its crop at half the reading resolution.
    func draft(_ read: ReadField, _ checked: CheckedField) throws -> DraftField {
        DraftField(
            fieldID: read.layout.id, kind: read.layout.kind, pattern: read.layout.pattern,
            assessment: checked.assessment, crop: Data(try PNGCodec.encode(read.crop, scale: 0.5)))
    }
}
