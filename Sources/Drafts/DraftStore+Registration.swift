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
    case beforeDecision(Int64, decided: String, registered: String)

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
    /// Layout ids of fields filled in from the registration (bilaga 3's
    /// "Inregistrerad i Paraplyet" when left empty on paper).
    public var filledFields: [String]
}

extension DraftStore {
    /// Definition ids of the columns that record the registration on paper.
    static let registeredDateColumn = "registrerad_datum"
    static let registeredSignColumn = "registrerad_sign"

    /// Marks verified records as registered in their form's system, all in one
    /// transaction: if any record is refused, none is marked. Empty
    /// "registrerad datum/sign" fields are filled in; every change is audited.
    public func register(
        recordIDs: [Int64], forms: [FormDefinition], date: CivilDate, sign: String,
        clerk: String
    ) throws -> [RegistrationOutcome] {
        let byID = Dictionary(forms.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return try write { db in
            var outcomes: [RegistrationOutcome] = []
            for id in recordIDs {
                guard let record = try StoredRecord.request({ $0.filter(id: id) }).fetchOne(db) else {
                    throw RegistrationError.noSuchRecord(id)
                }
                guard let form = byID[record.form], let registration = form.registration,
                    form.kind != .list || record.row != nil
                else {
                    throw RegistrationError.notRegistrable(id, form: record.form)
                }
                switch record.status {
                case .draft: throw RegistrationError.notVerified(id)
                case .registered:
                    throw RegistrationError.alreadyRegistered(
                        id, on: record.record.registeredAt?.description ?? "",
                        by: record.record.registeredBy)
                case .verified: break
                }
                if let decidedOn = record.value("beslutsdatum").date, decidedOn > date {
                    throw RegistrationError.beforeDecision(
                        id, decided: decidedOn.description, registered: date.description)
                }
                let changed = try DraftRecord.filter(id: id).filter(Column("status") == RecordStatus.verified.rawValue)
                    .updateAll(
                        db,
                        [
                            Column("status").set(to: RecordStatus.registered.rawValue),
                            Column("registered_at").set(to: date.description),
                            Column("registered_by").set(to: sign),
                            Column("registered_system").set(to: registration.system),
                        ])
                guard changed == 1 else { throw RegistrationError.notVerified(id) }
                try Self.appendAudit(
                    db, clerk: clerk, action: "register", recordID: id, oldValue: "verified",
                    newValue: "registered",
                    note: "\(registration.system) \(date) sign \(sign)")
                var filled: [String] = []
                for field in record.fields where field.value.isEmpty {
                    let value: FieldValue
                    switch field.definitionID {
                    case Self.registeredDateColumn: value = .date(date)
                    case Self.registeredSignColumn: value = .text(sign)
                    default: continue
                    }
                    try DraftField.filter(id: field.id ?? 0).updateAll(
                        db,
                        [
                            Column("value").set(to: value.canonicalText), Column("review").set(to: false),
                            Column("version").set(to: Column("version") + 1),
                        ])
                    try Self.appendAudit(
                        db, clerk: clerk, action: "register-fill", recordID: id,
                        fieldID: field.fieldID, oldValue: field.value.canonicalText,
                        newValue: value.canonicalText, note: "ifyllt vid registrering")
                    filled.append(field.fieldID)
                }
                outcomes.append(
                    RegistrationOutcome(
                        recordID: id, form: record.form, system: registration.system,
                        date: date, sign: sign, filledFields: filled))
            }
            return outcomes
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
