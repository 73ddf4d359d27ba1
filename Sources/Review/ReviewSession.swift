import Assessment
import Drafts
import FormKit
import Foundation

/// The order the fields are visited in.
public enum ReviewOrder: String, Sendable, CaseIterable {
    /// Records with fields that need attention first, and those fields first within each record.
    case flagged
    /// Page order: file, page, row, and the form's field order.
    case page

    public var swedish: String { self == .flagged ? "flaggade först" : "sidordning" }
}

/// One stop of the review: a field of a record.
public struct ReviewItem: Equatable, Sendable {
    public var recordID: Int64
    public var fieldRowID: Int64
}

/// What the keys currently do.
public enum ReviewMode: Equatable, Sendable {
    /// Enter accepts, typing replaces the value.
    case field
    /// Double entry: the first typing differed from the reading; the clerk types it again.
    case secondEntry(first: FieldValue)
    /// Typing the follow-up comment of the record.
    case comment
    /// Waiting for j/n before accepting every confident field of the page.
    case confirmPage(count: Int)
    /// The whole page is shown; any key returns.
    case pageView
    /// The current field's crop across the whole screen; any key returns.
    case zoom
}

public struct StatusMessage: Equatable, Sendable {
    public enum Tone: Sendable { case info, success, warning, error }
    public var text: String
    public var tone: Tone
}

/// The review of a workspace by one clerk: the records, where the clerk is,
/// and what each key does. Every change is written to the store at once, in
/// one transaction with its audit entry; the position is saved on every move.
public final class ReviewSession {
    public let store: DraftStore
    public let clerk: String
    public let layouts: FormLayouts
    public private(set) var records: [StoredRecord]
    private var recordIndex: [Int64: Int] = [:]
    public private(set) var order: ReviewOrder
    public private(set) var items: [ReviewItem] = []
    public internal(set) var current = 0
    public internal(set) var mode: ReviewMode = .field
    public internal(set) var input = ""
    public internal(set) var message: StatusMessage?
    /// On a small screen the record's fields are a view of their own (F8 switches).
    public internal(set) var showsFieldList = false
    public private(set) var progress: ReviewProgress
    public private(set) var finished = false
    /// Set when the workspace was removed under the session: it ends, and nothing more is said to be saved.
    public private(set) var lost: WorkspaceError?
    /// How typed dates and personnummer are judged: against the outage, as ingest read them.
    public let context: DecodingContext

    public init(store: DraftStore, clerk: String, layouts: FormLayouts, order: ReviewOrder?) throws {
        self.store = store
        self.clerk = clerk
        self.layouts = layouts
        records = try store.records()
        progress = try store.reviewProgress()
        context = try store.outageDates()?.decodingContext ?? .outage(reference: .today())
        let saved = try store.position(clerk: clerk)
        self.order = order ?? saved?.order.flatMap(ReviewOrder.init(rawValue:)) ?? .flagged
        indexRecords()
        buildItems()
        if let saved, let recordID = saved.recordID,
            let found = items.firstIndex(where: { $0.recordID == recordID && field(of: $0)?.fieldID == saved.fieldID })
        {
            current = found
            message = StatusMessage(text: "Fortsätter där du slutade.", tone: .info)
        } else {
            current = 0
            if let first = nextUnverified(from: 0) { current = first }
        }
        if items.isEmpty { message = StatusMessage(text: "Arbetsytan har inga poster att granska.", tone: .info) }
    }

    // MARK: Where we are

    public var currentItem: ReviewItem? { items.indices.contains(current) ? items[current] : nil }
    public var currentRecord: StoredRecord? { currentItem.flatMap { record(id: $0.recordID) } }
    public var currentField: DraftField? { currentItem.flatMap(field(of:)) }

    /// Whether every field (of records not yet registered) is verified.
    public var allReviewed: Bool { nextUnverified(from: 0) == nil }

    public func record(id: Int64) -> StoredRecord? { recordIndex[id].map { records[$0] } }

    func field(of item: ReviewItem) -> DraftField? {
        record(id: item.recordID)?.fields.first { $0.id == item.fieldRowID }
    }

    /// The current record's number among the records with fields, in page order (1-based), and their count.
    public var recordPosition: (index: Int, count: Int) {
        // Page-order numbers in either order: "Post 3" is the same record whatever is shown first.
        let numbered = records.filter { !$0.fields.isEmpty }
        let index = currentItem.flatMap { item in numbered.firstIndex { $0.id == item.recordID } } ?? 0
        return (index + 1, numbered.count)
    }

    /// Fields of the record in the order they are visited.
    public func orderedFields(of record: StoredRecord) -> [DraftField] {
        items.filter { $0.recordID == record.id }.compactMap(field(of:))
    }

    /// Unverified fields of the current page that can be accepted together.
    public func confidentFieldsOfPage() -> [DraftField] {
        guard let pageID = currentRecord?.pageID else { return [] }
        return records.filter { $0.pageID == pageID && $0.status != .registered }.flatMap { record in
            record.fields.filter { !$0.verified && !FieldRules.needsAttention($0) && !FieldRules.needsDoubleEntry($0) }
        }
    }

    // MARK: Building the order

    private func indexRecords() {
        recordIndex = [:]
        for (i, r) in records.enumerated() { recordIndex[r.id] = i }
    }

    private func buildItems() {
        // By the reading's own flag, not by what is verified yet: the order,
        // and so "Post 3 av 48", stays the same when the clerk comes back.
        // Flagged first means every doubtful field of every record before any
        // sure one: the clerk types what needs a person, then `+` takes the rest.
        func flagged(_ f: DraftField) -> Bool { FieldRules.needsAttention(f) }
        func items(_ keep: @escaping (DraftField) -> Bool) -> [ReviewItem] {
            records.flatMap { record in
                record.fields.filter(keep).map { ReviewItem(recordID: record.id, fieldRowID: $0.id ?? 0) }
            }
        }
        self.items = order == .flagged ? items(flagged) + items { !flagged($0) } : items { _ in true }
    }

    /// Reads a record again (another clerk may have changed it); a failure is shown, not hidden.
    func reload(recordID: Int64) {
        guard let i = recordIndex[recordID] else { return }
        do {
            guard let fresh = try store.record(id: recordID) else {
                message = StatusMessage(text: "Posten \(recordID) finns inte längre i arbetsytan.", tone: .error)
                return
            }
            records[i] = fresh
        } catch {
            failed("Kunde inte läsa posten på nytt", error)
        }
    }

    func refreshProgress() {
        do { progress = try store.reviewProgress() } catch {
            failed("Kunde inte läsa hur långt granskningen har kommit", error)
        }
    }

    // MARK: Moving

    func nextUnverified(from start: Int) -> Int? {
        guard !items.isEmpty else { return nil }
        for step in 0..<items.count {
            let i = (start + step) % items.count
            if let f = field(of: items[i]), !f.verified, record(id: items[i].recordID)?.status != .registered {
                return i
            }
        }
        return nil
    }

    func move(by delta: Int) {
        guard !items.isEmpty else { return }
        current = (current + delta + items.count) % items.count
        arrived()
    }

    /// The first unverified field of the next record that has one (after a follow-up mark).
    func moveToNextRecordWithWork() {
        guard let here = currentItem?.recordID else { return }
        for step in 1..<max(1, items.count) {
            let i = (current + step) % items.count
            guard items[i].recordID != here, let f = field(of: items[i]), !f.verified,
                record(id: items[i].recordID)?.status != .registered
            else { continue }
            current = i
            arrived()
            return
        }
    }

    func moveRecord(by delta: Int) {
        guard let here = currentItem?.recordID, !items.isEmpty else { return }
        var i = current
        repeat { i = (i + delta + items.count) % items.count } while items[i].recordID == here && i != current
        if delta < 0 {  // to the first field of that record
            let target = items[i].recordID
            while i > 0 && items[i - 1].recordID == target { i -= 1 }
        }
        current = i
        arrived()
    }

    /// After a save: the next field that still needs the clerk.
    func advance() {
        if let next = nextUnverified(from: current + 1) {
            current = next
            arrived()
        } else {
            savePosition()
            let done = "Alla fält är granskade. Tryck q för att avsluta."
            message = StatusMessage(
                text: [message?.text, done].compactMap { $0 }.joined(separator: " "), tone: .success)
        }
    }

    /// A new field: clear the input, reload its record (another clerk may have changed it), save the position.
    func arrived() {
        mode = .field
        input = ""
        if let id = currentItem?.recordID { reload(recordID: id) }
        savePosition()
    }

    func savePosition() {
        do {
            try store.savePosition(
                ClerkPosition(
                    clerk: clerk, recordID: currentItem?.recordID,
                    fieldID: currentField?.fieldID, order: order.rawValue))
        } catch {
            failed("Kunde inte spara var du är", error)
        }
    }

    func toggleOrder() {
        let item = currentItem
        order = order == .flagged ? .page : .flagged
        buildItems()
        current = item.flatMap { items.firstIndex(of: $0) } ?? 0
        savePosition()
        message = StatusMessage(text: "Ordning: \(order.swedish).", tone: .info)
    }

    func quit() {
        if lost == nil { savePosition() }
        finished = true
    }

    /// Shows why something could not be read or saved. A workspace that is
    /// gone ends the session: every later write would fail the same way.
    func failed(_ what: String, _ error: any Error) {
        if let error = error as? WorkspaceError, case .vanished = error {
            lost = error
            finished = true
        }
        message = StatusMessage(text: "\(what): \(error)", tone: .error)
    }
}
