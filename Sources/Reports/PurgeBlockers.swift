import Drafts
import FormKit

/// What stands between a workspace and its purge: records not yet
/// registered, and pages or files nobody could read (they may hold a
/// decision that was never registered).
public struct PurgeBlockers: Sendable {
    public var unregistered: [RecordDeadline]
    public var unreadPages: [StoredPage]
    public var unreadableFiles: [ScanFile]
    /// USB sticks not returned, entered and wiped.
    public var sticksOut: [CustodyItem]
    /// Records registered, records to register, and records registered nowhere
    /// (a list sheet's own fields, USB rows, forms not registered by the unit).
    public var counts: (registered: Int, toRegister: Int, notRegistered: Int)

    /// Nothing stands in the way; unread pages and files count unless a
    /// person has checked them against the paper (`uncheckedUnread: false`).
    public func isEmpty(uncheckedUnread: Bool = true) -> Bool {
        unregistered.isEmpty && sticksOut.isEmpty
            && (!uncheckedUnread || (unreadPages.isEmpty && unreadableFiles.isEmpty))
    }

    public init(store: DraftStore, forms: [FormDefinition], unit: UnitType) throws {
        let summary = try StatusSummary(store: store, forms: forms, unit: unit)
        unregistered = summary.unregistered
        unreadPages = summary.unidentified
        unreadableFiles = summary.unreadableFiles
        sticksOut = summary.sticksOut
        let registered = summary.deadlines.filter { $0.record.status == .registered }.count
        counts = (registered, summary.unregistered.count, summary.records.count - summary.deadlines.count)
    }
}
