import Assessment
import FormKit
import Foundation
import GRDB

/// Why a record cannot be marked registered.
public enum RegistrationError: Error, CustomStringConvertible, Equatable {
    case noSuchRecord(Int64)
    case notVerified(Int64)
    case alreadyRegistered(Int64, on: String, by: String?)
    case notRegistrable(Int64, form: String)
    case notForUnit(Int64, form: String, unit: String)
    case followUp(Int64, comment: String?)
    case notReturned(Int64, item: String, missing: String)
    case beforeDecision(Int64, decided: String, registered: String)

    public var recordID: Int64 {
        switch self {
        case .noSuchRecord(let id), .notVerified(let id), .alreadyRegistered(let id, _, _),
            .notRegistrable(let id, _), .notForUnit(let id, _, _), .followUp(let id, _), .notReturned(let id, _, _),
            .beforeDecision(let id, _, _):
            return id
        }
    }

    public var description: String {
        switch self {
        case .noSuchRecord(let id):
            return "Det finns ingen post \(id) i arbetsytan. Se avbrott status för posternas nummer."
        case .notVerified(let id):
            return "Post \(id) är ett utkast som ingen har granskat. En person måste granska och godkänna "
                + "den (avbrott review) innan den markeras som registrerad."
        case .alreadyRegistered(let id, let on, let by):
            return "Post \(id) är redan markerad som registrerad \(on)\(by.map { " av \($0)" } ?? "")."
        case .notRegistrable(let id, let form):
            return "Post \(id) (\(form)) registreras inte i något verksamhetssystem."
        case .notForUnit(let id, let form, let unit):
            return "Post \(id) (\(form)): planen säger inte var en \(unit.lowercased()) registrerar den."
        case .followUp(let id, let comment):
            return "Post \(id) är markerad för uppföljning"
                + (comment.map { " (\"\($0)\")" } ?? "")
                + ". Följ upp och ta bort markeringen i avbrott review (! och en tom kommentar) först."
        case .notReturned(let id, let item, let missing):
            return "Post \(id): USB-minne \(item) saknar \(missing) för återlämnat, infört och rensat. "
                + "Det är inte klart förrän minnet är tillbaka och signerat."
        case .beforeDecision(let id, let decided, let registered):
            return "Post \(id): registreringsdatumet \(registered) är före beslutsdatumet \(decided)."
        }
    }
}

/// One record marked registered.
public struct RegistrationOutcome: Sendable, Equatable {
    public var recordID: Int64
    public var form: String
    public var system: String
    public var date: CivilDate
    public var sign: String
    /// The date and sign were taken from the paper, not given.
    public var fromPaper: Bool
    /// Layout ids of fields filled in from the registration (bilaga 3's
    /// "Inregistrerad i Paraplyet" when left empty on paper).
    public var filledFields: [String]
}

/// What `register` did: the records marked, and those refused with the reason.
public struct RegistrationResult: Sendable {
    public var registered: [RegistrationOutcome] = []
    public var refused: [RegistrationError] = []
}

extension StoredRecord {
    /// Where this record is registered by a unit of type `unit`: the form's
    /// route for the unit, chosen by the record's own choices where the form
    /// says so. Nil when the record is not registered anywhere (custody lists,
    /// a list sheet's own fields, a form the unit type does not register).
    public func route(form: FormDefinition, unit: UnitType) -> RegistrationRoute? {
        guard let registration = form.registration, form.kind != .list || row != nil else { return nil }
        return registration.route(unit: unit) { value($0) }
    }

    /// For a custody row (bilaga 2): what is missing before it is done, or nil when it is done.
    public func custodyMissing(_ custody: Custody) -> String? {
        let date = value(custody.returned).isEmpty
        let signed = value(custody.returnedSignature) == .signature(true)
        switch (date, signed) {
        case (true, true): return "datum och signatur"
        case (true, false): return "datum"
        case (false, false): return "signatur"
        case (false, true): return nil
        }
    }
}

extension DraftStore {
    /// Marks verified records as registered by the plan's rules, each in its
    /// own transaction with its audit entries. Refused, with the reason:
    /// unverified records, records marked for follow-up, custody rows (USB
    /// sticks) not returned and signed, records the unit's type does not
    /// register. A date and sign already written on the paper are the
    /// registration ("enligt pappret"); empty ones are filled in from `date`
    /// and `sign`.
    public func register(
        recordIDs: [Int64], forms: [FormDefinition], unit: UnitType, date: CivilDate, sign: String,
        clerk: String
    ) throws -> RegistrationResult {
        let byID = Dictionary(forms.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var result = RegistrationResult()
        for id in recordIDs {
            do {
                result.registered.append(
                    try register(id, byID: byID, unit: unit, date: date, sign: sign, clerk: clerk))
            } catch let refusal as RegistrationError {
                result.refused.append(refusal)
            }
        }
        return result
    }

    private func register(
        _ id: Int64, byID: [String: FormDefinition], unit: UnitType, date: CivilDate, sign: String, clerk: String
    ) throws -> RegistrationOutcome {
        try write { db in
            guard let record = try StoredRecord.request({ $0.filter(id: id) }).fetchOne(db) else {
                throw RegistrationError.noSuchRecord(id)
            }
            guard let form = byID[record.form], form.kind != .list || record.row != nil else {
                throw RegistrationError.notRegistrable(id, form: record.form)
            }
            if record.status != .registered && record.followUp {
                throw RegistrationError.followUp(id, comment: record.comment)
            }
            switch record.status {
            case .draft: throw RegistrationError.notVerified(id)
            case .registered:
                throw RegistrationError.alreadyRegistered(
                    id, on: record.record.registeredAt?.description ?? "", by: record.record.registeredBy)
            case .verified: break
            }

            var system: String
            var on = date, by = sign, fromPaper = false
            var fill: [(DraftField, FieldValue)] = []
            if let custody = form.custody {
                if let missing = record.custodyMissing(custody) {
                    throw RegistrationError.notReturned(
                        id, item: record.value(custody.item).displayText(), missing: missing)
                }
                system = "Återlämnat, infört och rensat; till \(custody.returnToName)"
                on = record.value(custody.returned).date ?? date
                by = "signerat på pappret"
                fromPaper = true
            } else {
                guard form.registration != nil else { throw RegistrationError.notRegistrable(id, form: record.form) }
                guard let route = record.route(form: form, unit: unit) else {
                    throw RegistrationError.notForUnit(id, form: record.form, unit: unit.swedishName)
                }
                system = route.system
                if let paper = form.registration?.paper {
                    let writtenDate = record.value(paper.date).date
                    let writtenSign: String? =
                        switch record.value(paper.sign) {
                        case .text(let t) where !t.isEmpty: t
                        case .signature(true): "signerat på pappret"
                        default: nil
                        }
                    if let writtenDate { on = writtenDate }
                    if let writtenSign { by = writtenSign }
                    fromPaper = writtenDate != nil && writtenSign != nil
                    if writtenDate == nil, let field = record.field(definition: paper.date) {
                        fill.append((field, .date(date)))
                    }
                    if writtenSign == nil, let field = record.field(definition: paper.sign), field.kind == .text {
                        fill.append((field, .text(sign)))
                    }
                }
            }
            if let decidedOn = record.value("beslutsdatum").date, decidedOn > on {
                throw RegistrationError.beforeDecision(id, decided: decidedOn.description, registered: on.description)
            }
            let changed = try DraftRecord.filter(id: id).filter(Column("status") == RecordStatus.verified.rawValue)
                .updateAll(
                    db,
                    [
                        Column("status").set(to: RecordStatus.registered.rawValue),
                        Column("registered_at").set(to: on.description),
                        Column("registered_by").set(to: by),
                        Column("registered_system").set(to: system),
                    ])
            guard changed == 1 else { throw RegistrationError.notVerified(id) }
            try Self.appendAudit(
                db, clerk: clerk, action: "register", recordID: id, oldValue: "verified", newValue: "registered",
                note: "\(system) \(on) sign \(by)" + (fromPaper ? " (enligt pappret)" : ""))
            for (field, value) in fill {
                try DraftField.filter(id: field.id ?? 0).updateAll(
                    db,
                    [
                        Column("value").set(to: value.canonicalText), Column("review").set(to: false),
                        Column("version").set(to: Column("version") + 1),
                    ])
                try Self.appendAudit(
                    db, clerk: clerk, action: "register-fill", recordID: id, fieldID: field.fieldID,
                    oldValue: field.value.canonicalText, newValue: value.canonicalText, note: "ifyllt vid registrering")
            }
            return RegistrationOutcome(
                recordID: id, form: record.form, system: system, date: on, sign: by, fromPaper: fromPaper,
                filledFields: fill.map(\.0.fieldID))
        }
    }

    /// Ids of the verified, not yet registered records of `form`, in page order.
    public func verifiedRecordIDs(form: String, forms: [FormDefinition]) throws -> [Int64] {
        let definition = forms.first { $0.id == form }
        return try records(form: form).filter { record in
            record.status == .verified && (definition?.kind != .list || record.row != nil)
        }.map(\.id)
    }
}
