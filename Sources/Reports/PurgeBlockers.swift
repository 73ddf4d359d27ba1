import Drafts
import FormKit

/// What stands between a workspace and its purge: records not yet
/// registered, and pages or files nobody could read (they may hold a
/// decision that was never registered).
public struct PurgeBlockers: Sendable {
    public var unregistered: [RecordDeadline]
    public var unreadPages: [StoredPage]
    public var unreadableFiles: [ScanFile]

    public var isEmpty: Bool { unregistered.isEmpty && unreadPages.isEmpty && unreadableFiles.isEmpty }

    public init(store: DraftStore, forms: [FormDefinition]) throws {
        let summary = try StatusSummary(store: store, forms: forms)
        unregistered = summary.unregistered
        unreadPages = summary.unidentified
        unreadableFiles = summary.unreadableFiles
    }
}
