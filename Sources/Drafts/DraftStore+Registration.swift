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
        case let .alreadyRegistered(id, on, by):
            return "Post \(id) är redan markerad som registrerad \(on)\(by.map { " av \($0)" } ?? "")."
        case let .notRegistrable(id, form):
            return "Post \(id) (\(form)) registreras inte i något verksamhetssystem."
        case let .beforeDecision(id, decided, registered):
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
    public func register(recordIDs: [Int64], forms: [FormDefinition], date: CivilDate, sign: String,
                         clerk: String) throws -> [RegistrationOutcome] {
        let byID = Dictionary(forms.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return try pool.write { db in
            var outcomes: [RegistrationOutcome] = []
            for id in recordIDs {
                guard let record = try Self.fetchRecords(db, where: "record.id = ?", arguments: [id]).first else {
                    throw RegistrationError.noSuchRecord(id)
                }
                guard let form = byID[record.form], let registration = form.registration,
                      form.kind != .list || record.row != nil else {
                    throw RegistrationError.notRegistrable(id, form: record.form)
                }
                switch record.status {
                case .draft: throw RegistrationError.notVerified(id)
                case .registered:
                    throw RegistrationError.alreadyRegistered(id, on: record.registeredAt ?? "", by: record.registeredBy)
                case .verified: break
                }
                if let decided = record.fields.first(where: { StatusRules.definitionID($0.fieldID) == "beslutsdatum" })?.value,
                   let decidedOn = CivilDate(iso: decided), decidedOn > date {
                    throw RegistrationError.beforeDecision(id, decided: decided, registered: date.description)
                }
                try db.execute(sql: """
                    UPDATE record SET status = 'registered', registered_at = ?, registered_by = ?, registered_system = ?
                    WHERE id = ? AND status = 'verified'
                    """, arguments: [date.description, sign, registration.system, id])
                guard db.changesCount == 1 else { throw RegistrationError.notVerified(id) }
                try Self.appendAudit(db, clerk: clerk, action: "register", recordID: id, oldValue: "verified",
                                     newValue: "registered",
                                     note: "\(registration.system) \(date) sign \(sign)")
                var filled: [String] = []
                for field in record.fields where field.value == nil || field.value?.isEmpty == true {
                    let value: String
                    switch StatusRules.definitionID(field.fieldID) {
                    case Self.registeredDateColumn: value = date.description
                    case Self.registeredSignColumn: value = sign
                    default: continue
                    }
                    try db.execute(sql: "UPDATE field SET value = ?, review = 0, version = version + 1 WHERE id = ?",
                                   arguments: [value, field.id])
                    try Self.appendAudit(db, clerk: clerk, action: "register-fill", recordID: id,
                                         fieldID: field.fieldID, oldValue: field.value, newValue: value,
                                         note: "ifyllt vid registrering")
                    filled.append(field.fieldID)
                }
                outcomes.append(RegistrationOutcome(recordID: id, form: record.form, system: registration.system,
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
