import Drafts
import FormKit
import Foundation

/// `avbrott find`: every record about a client, across forms and sheets, by
/// personnummer (10 or 12 digits, with or without the dash) or by name (part
/// of it, any case, accents ignored).
public struct ClientSearch: Sendable {
    public struct Hit: Sendable, Equatable {
        public var record: StoredRecord
        public var formTitle: String
        public var name: String?
        public var personnummer: String?
        public var date: String?
        public var officer: String?
    }

    public enum Query: Sendable, Equatable {
        /// The digits of a personnummer: 10 (ÅÅMMDDNNNN) or 12 (ÅÅÅÅMMDDNNNN).
        case personnummer(String)
        case name(String)

        /// "19121212-1212", "121212-1212", "1212121212" are personnummer; anything with a letter is a name.
        public init?(_ text: String) {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            let digits = trimmed.filter(\.isASCII).filter(\.isNumber)
            let rest = trimmed.filter { !$0.isNumber && $0 != "-" && $0 != "+" && $0 != " " }
            if rest.isEmpty && (digits.count == 10 || digits.count == 12) {
                self = .personnummer(String(digits))
            } else if trimmed.count >= 2 && !rest.isEmpty {
                self = .name(trimmed)
            } else {
                return nil
            }
        }
    }

    public var hits: [Hit]

    public init(_ query: Query, records: [StoredRecord], forms: [FormDefinition]) {
        let byID = Dictionary(forms.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let sheets = Dictionary(
            records.filter { $0.row == nil }.map { ($0.pageID, $0) }, uniquingKeysWith: { a, _ in a })
        hits = records.compactMap { r in
            guard let form = byID[r.form], let fields = form.client else { return nil }
            let who = ClientText(record: r, sheet: sheets[r.pageID], fields: fields)
            switch query {
            case .personnummer(let digits):
                let written = (who.personnummer ?? "").filter(\.isNumber)
                guard !written.isEmpty, written.hasSuffix(digits) || digits.hasSuffix(written) else { return nil }
                guard written.count >= 10 else { return nil }
            case .name(let part):
                guard let name = who.name, Worklist.Filter.contains(name, part) else { return nil }
            }
            return Hit(
                record: r, formTitle: (form.label.map { "\($0): " } ?? "") + form.title, name: who.name,
                personnummer: who.personnummer, date: who.date, officer: who.officer)
        }
    }

    public func document(_ query: String) -> ReportDocument {
        let status: [RecordStatus: String] = [.draft: "utkast", .verified: "granskad", .registered: "registrerad"]
        let table = ReportTable(
            columns: [
                .init("Post", alignment: .right), .init("Vad"), .init("Datum"), .init("Namn"), .init("Personnummer"),
                .init("Status"), .init("Papperet"),
            ],
            rows: hits.map { h in
                let r = h.record
                var state = status[r.status] ?? ""
                if r.status == .registered, let system = r.record.registeredSystem {
                    state += " i \(system) \(r.record.registeredAt?.description ?? "")"
                }
                if r.followUp { state += ", uppföljning" }
                return [
                    "\(r.id)", h.formTitle, h.date ?? "", h.name ?? "", h.personnummer ?? "", state,
                    "\(r.source) sida \(r.pageNumber)" + (SheetID.printed(r.sheet).map { " · \($0)" } ?? "")
                        + (r.row.map { " rad \($0)" } ?? ""),
                ]
            }, emptyText: "Inga poster hittades för \"\(query)\".")
        return ReportDocument(
            title: "Sökning", footer: "",
            blocks: [.heading("Poster om \"\(query)\" (\(hits.count))"), .table(table)])
    }
}
