import Assessment
import FormKit
import Foundation
import GRDB
import Platform

/// What ingest (or entry) hands the store for one page: the page and, for an
/// identified page, its records with their fields. Saved in one transaction.
public struct PageDraft: Sendable {
    public var page: ScannedPage
    public var records: [RecordDraft]

    public init(page: ScannedPage, records: [RecordDraft] = []) {
        self.page = page
        self.records = records
    }
}

/// One filled table row (`row` set) or a sheet's own fields (`row` nil).
public struct RecordDraft: Sendable {
    public var row: Int?
    public var fields: [DraftField]
    public init(row: Int?, fields: [DraftField]) {
        self.row = row
        self.fields = fields
    }
}

extension ScannedPage {
    /// A page read from `fileID` just now.
    public init(fileID: Int64, pageNumber: Int, status: PageStatus, reason: String? = nil) {
        self.fileID = fileID
        self.pageNumber = pageNumber
        self.status = status
        self.reason = reason
        processedAt = Date()
    }
}

/// The drafts database of a workspace. Every write is one transaction, so a
/// crash (even kill -9) leaves either all of a page or none of it. WAL mode
/// lets several processes (ingest, two clerks reviewing) use it at once.
public final class DraftStore: Sendable {
    public let workspace: Workspace
    let pool: DatabasePool
    /// The database file opened (device and inode): a write is only reported
    /// as saved while the workspace still holds this very file.
    private let identity: FileIdentity?
    /// The workspace's lock, held for as long as the store lives (see `WorkspaceLock`).
    private let lock: WorkspaceLock?

    public init(workspace: Workspace, lock: WorkspaceLock? = nil) throws {
        self.workspace = workspace
        self.lock = lock
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.foreignKeysEnabled = true
        do {
            // The database and its -wal and -shm files are created owner-only:
            // SQLite gives them the mode of the database file.
            try SecureFiles.createIfMissing(FilePath(workspace.database.path))
            pool = try DatabasePool(path: workspace.database.path, configuration: configuration)
            identity = FileIdentity(path: workspace.database.path)
            try Schema.migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw WorkspaceError.database(workspace.database.path, StoreErrors.swedish(error))
        }
    }

    /// Runs a read, turning database errors into Swedish ones.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.read(body) } catch let error as DatabaseError {
            throw WorkspaceError.database(workspace.database.path, StoreErrors.swedish(error))
        }
    }

    /// Runs a write transaction, turning database errors into Swedish ones.
    /// A write into a database that has been removed under us (SQLite goes on
    /// writing to the deleted file) is an error, never reported as saved.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        let result: T
        do { result = try pool.write(body) } catch let error as DatabaseError {
            throw WorkspaceError.database(workspace.database.path, StoreErrors.swedish(error))
        }
        guard identity == nil || FileIdentity(path: workspace.database.path) == identity else {
            throw WorkspaceError.vanished(workspace.root.path)
        }
        return result
    }

    // MARK: Files

    public func file(sha256: String) throws -> ScanFile? {
        try read { db in try ScanFile.filter(Column("sha256") == sha256).fetchOne(db) }
    }

    /// Records a scan file, or returns the one already recorded with the same content.
    public func addFile(_ file: ScanFile) throws -> ScanFile {
        try write { db in
            if let existing = try ScanFile.filter(Column("sha256") == file.sha256).fetchOne(db) { return existing }
            var inserted = file
            try inserted.insert(db)
            return inserted
        }
    }

    /// Records how many pages a file has, once it has been read to the end.
    public func setPageCount(fileID: Int64, _ count: Int) throws {
        try write { db in
            _ = try ScanFile.filter(id: fileID).updateAll(db, [Column("page_count").set(to: count)])
        }
    }

    /// Page numbers of `fileID` already stored.
    public func storedPages(fileID: Int64) throws -> Set<Int> {
        try read { db in
            try Set(
                ScannedPage.filter(Column("file_id") == fileID).select(Column("page_number"), as: Int.self).fetchAll(db)
            )
        }
    }

    /// Pages of a file stored earlier that were not identified or could not be read: number and reason.
    public func unresolvedPages(fileID: Int64) throws -> [(number: Int, reason: String)] {
        try read { db in
            try ScannedPage.filter(
                Column("file_id") == fileID
                    && [PageStatus.unidentified.rawValue, PageStatus.failed.rawValue].contains(Column("status"))
            )
            .order(Column("page_number")).fetchAll(db).map { ($0.pageNumber, $0.reason ?? "") }
        }
    }

    /// Every scan file the workspace has recorded, by name.
    public func scanFiles() throws -> [ScanFile] {
        try read { db in try ScanFile.order(Column("name"), Column("sha256")).fetchAll(db) }
    }

    /// Files that could not be read at all (no pages).
    public func unreadableFiles() throws -> [ScanFile] {
        try read { db in try ScanFile.filter(Column("error") != nil).order(Column("name")).fetchAll(db) }
    }

    // MARK: Pages

    /// Pages already stored with the same sheet code, with their ink signatures.
    public func pages(withSheet sheet: String) throws -> [(id: Int64, signature: [UInt8]?)] {
        try read { db in
            try ScannedPage.filter(Column("sheet") == sheet && Column("status") == PageStatus.identified.rawValue)
                .fetchAll(db).map { ($0.id ?? 0, $0.inkSignature.map { [UInt8]($0) }) }
        }
    }

    /// Saves a page with all its records and fields in one transaction. A
    /// page already stored (same file and page number) is left alone.
    @discardableResult
    public func save(_ draft: PageDraft) throws -> Bool {
        try write { db in
            let exists =
                try ScannedPage.filter(
                    Column("file_id") == draft.page.fileID
                        && Column("page_number") == draft.page.pageNumber
                ).fetchCount(db) > 0
            if exists { return false }
            var page = draft.page
            try page.insert(db)
            guard page.status == .identified, let form = page.form, let pageID = page.id else { return true }
            for draft in draft.records {
                var record = DraftRecord(pageID: pageID, form: form, row: draft.row)
                try record.insert(db)
                for var field in draft.fields {
                    field.recordID = record.id ?? 0
                    try field.insert(db)
                }
            }
            return true
        }
    }

    /// Adds a note to a stored field and sends it to review (once: a note already there is not repeated).
    public func addNote(fieldRowID: Int64, _ note: FieldNote) throws {
        try write { db in
            guard var field = try DraftField.select(DraftField.withoutCrop).filter(id: fieldRowID).fetchOne(db),
                !field.notes.contains(note)
            else { return }
            field.notes.append(note)
            try db.execute(
                sql: "UPDATE field SET notes = ?, review = 1 WHERE id = ?",
                arguments: [String(decoding: try JSONEncoder().encode(field.notes), as: UTF8.self), fieldRowID])
        }
    }

    // MARK: Reading back

    /// Every page, in file and page order, without images.
    public func pages() throws -> [StoredPage] {
        try read { db in try StoredPage.request.fetchAll(db) }
            .sorted { ($0.source, $0.pageNumber) < ($1.source, $1.pageNumber) }
    }

    /// Every record with its fields, in page order (file, page, row).
    public func records(form: String? = nil) throws -> [StoredRecord] {
        try read { db in
            try StoredRecord.request { request in form.map { request.filter(Column("form") == $0) } ?? request }
                .fetchAll(db)
        }.sorted(by: StoredRecord.inPageOrder)
    }

    public func record(id: Int64) throws -> StoredRecord? {
        try read { db in try StoredRecord.request { $0.filter(id: id) }.fetchOne(db) }
    }

    /// The PNG crop of a field.
    public func crop(fieldRowID: Int64) throws -> [UInt8]? {
        try read { db in
            try Data.fetchOne(db, DraftField.filter(id: fieldRowID).select(Column("crop"))).map { [UInt8]($0) }
        }
    }

    /// The PNG preview of a whole page.
    public func preview(pageID: Int64) throws -> [UInt8]? {
        try read { db in
            try Data.fetchOne(db, ScannedPage.filter(id: pageID).select(Column("preview"))).map { [UInt8]($0) }
        }
    }
}

/// A file's device and inode.
struct FileIdentity: Equatable, Sendable {
    var device: UInt64
    var inode: UInt64

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}

extension DraftStore {
    /// Where a page's original scan is kept in the workspace, and which page of it.
    public func original(pageID: Int64) throws -> (path: URL, name: String, pageNumber: Int)? {
        try read { db in
            guard let page = try ScannedPage.fetchOne(db, key: pageID),
                let file = try ScanFile.fetchOne(db, key: page.fileID), let stored = file.stored
            else { return nil }
            return (workspace.root.appendingPathComponent(stored), file.name, page.pageNumber)
        }
    }
}
