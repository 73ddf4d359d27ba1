import Crypto
import FormKit
import Foundation
import GRDB
import Platform

/// What a purge deletes, counted and hashed before anything is deleted.
/// Holds no names and no personnummer: it goes on the printed receipt.
public struct PurgeManifest: Sendable {
    public struct DeletedFile: Sendable, Equatable {
        /// Path relative to the workspace (originals are named by their hash).
        public var path: String
        public var sha256: String
        public var bytes: Int
    }

    public struct FormCount: Sendable, Equatable {
        public var form: String
        public var title: String
        public var records: Int
        public var registered: Int
    }

    public var workspacePath: String
    public var scanFiles: Int
    public var pages: Int
    public var pagesByStatus: [String: Int]
    public var forms: [FormCount]
    public var files: [DeletedFile]
    /// SHA-256 over the lines "<sha256>  <path>\n" of every deleted file, sorted by path.
    public var digest: String
    /// The audit chain as it ended.
    public var auditHead: AuditHead

    public var totalBytes: Int { files.reduce(0) { $0 + $1.bytes } }
    public var records: Int { forms.reduce(0) { $0 + $1.records } }

    public static func digest(of files: [DeletedFile]) -> String {
        let text = files.sorted { $0.path < $1.path }.map { "\($0.sha256)  \($0.path)\n" }.joined()
        return SHA256.hash(data: Data(text.utf8)).hex
    }
}

extension DraftStore {
    /// Counts what is in the workspace, closes the database (so that nothing
    /// is left in its write-ahead log) and hashes every file a purge deletes.
    /// The store cannot be used afterwards.
    public func closeForPurge(forms: [FormDefinition]) throws -> PurgeManifest {
        let pages = try self.pages()
        let records = try self.records()
        let fileCount = try read { db in try ScanFile.fetchCount(db) }
        let head = try auditHead()
        let byID = Dictionary(forms.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var counts: [String: PurgeManifest.FormCount] = [:]
        for r in records {
            var c =
                counts[r.form] ?? .init(form: r.form, title: byID[r.form]?.title ?? r.form, records: 0, registered: 0)
            c.records += 1
            if r.status == .registered { c.registered += 1 }
            counts[r.form] = c
        }
        let order = Dictionary(forms.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var byStatus: [String: Int] = [:]
        for p in pages { byStatus[p.status.rawValue, default: 0] += 1 }
        try pool.close()
        // The pool's read-only connections may leave the write-ahead log
        // behind; one read-write connection, closed last, folds it into the
        // database and removes it, so that one file holds everything.
        let last = try DatabaseQueue(path: workspace.database.path)
        try last.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try last.close()
        let files = try PurgeWorkspace.filesToDelete(workspace).map { url -> PurgeManifest.DeletedFile in
            let (hash, bytes) = try PurgeWorkspace.sha256(of: url)
            return .init(path: PurgeWorkspace.relative(url, to: workspace.root), sha256: hash, bytes: bytes)
        }
        return PurgeManifest(
            workspacePath: workspace.root.path, scanFiles: fileCount, pages: pages.count,
            pagesByStatus: byStatus,
            forms: counts.values.sorted { (order[$0.form] ?? .max, $0.form) < (order[$1.form] ?? .max, $1.form) },
            files: files, digest: PurgeManifest.digest(of: files), auditHead: head)
    }
}

/// Deletes a workspace's database and original scans (the crops live in the
/// database). Only the tool's own files are touched: anything else found in
/// the folder is left there and reported, and the folder stays.
public enum PurgeWorkspace {
    static let databaseSuffixes = ["", "-wal", "-shm", "-journal"]

    /// Everything under `original/` and `granskning/`, then the database files: deleted in
    /// this order, an interrupted purge leaves the database to run it again.
    static func filesToDelete(_ workspace: Workspace) throws -> [URL] {
        let fm = FileManager.default
        var originals: [URL] = []
        for folder in [workspace.originals, workspace.reviewImages] {
            guard let walker = fm.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else {
                continue
            }
            for case let url as URL in walker
            where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
                originals.append(url)
            }
        }
        let database = databaseSuffixes.map { URL(fileURLWithPath: workspace.database.path + $0) }
            .filter { fm.fileExists(atPath: $0.path) }
        return originals.sorted { $0.path < $1.path } + database
    }

    static func relative(_ url: URL, to root: URL) -> String {
        let path = url.standardizedFileURL.path, base = root.standardizedFileURL.path + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : url.lastPathComponent
    }

    static func sha256(of url: URL) throws -> (String, Int) {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hasher = SHA256()
        var bytes = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            bytes += chunk.count
        }
        return (hasher.finalize().hex, bytes)
    }

    /// Overwrites each file with zeros (best effort: a journaling file system
    /// or an SSD may keep old blocks), removes it, then removes `original/`
    /// and the workspace folder when nothing else is in them. Returns what was left.
    public static func delete(_ workspace: Workspace) throws -> [String] {
        let fm = FileManager.default
        for url in try filesToDelete(workspace) {
            overwrite(url)
            do { try fm.removeItem(at: url) } catch {
                throw PurgeError.cannotDelete(url.path, String(describing: error))
            }
        }
        // Last the lock (still held by this process: its file may go) and the notes of its holders.
        let holders = workspace.root.appendingPathComponent(WorkspaceLock.holdersFolder)
        for name in (try? fm.contentsOfDirectory(atPath: holders.path)) ?? [] {
            _ = unlink(holders.appendingPathComponent(name).path)
        }
        _ = rmdir(holders.path)
        _ = unlink(workspace.root.appendingPathComponent(WorkspaceLock.lockFile).path)
        _ = rmdir(workspace.reviewImages.path)
        for folder in [workspace.originals, workspace.root] {
            // Subfolders left empty under original/ go too.
            if folder == workspace.originals, let walker = fm.enumerator(atPath: folder.path) {
                let dirs = walker.compactMap { $0 as? String }.sorted { $0.count > $1.count }
                for d in dirs { _ = rmdir(folder.appendingPathComponent(d).path) }
            }
            _ = rmdir(folder.path)
        }
        guard fm.fileExists(atPath: workspace.root.path) else { return [] }
        return ((try? fm.contentsOfDirectory(atPath: workspace.root.path)) ?? []).sorted()
    }

    static func overwrite(_ url: URL) {
        guard let handle = try? FileHandle(forUpdating: url) else { return }
        defer { try? handle.close() }
        guard let size = try? handle.seekToEnd(), size > 0 else { return }
        try? handle.seek(toOffset: 0)
        let block = Data(count: 1 << 20)
        var left = Int(size)
        while left > 0 {
            let n = min(left, block.count)
            try? handle.write(contentsOf: block.prefix(n))
            left -= n
        }
        try? handle.synchronize()
    }
}

public enum PurgeError: Error, CustomStringConvertible, Equatable {
    case cannotDelete(String, String)

    public var description: String {
        switch self {
        case .cannotDelete(let path, let why): return "Kunde inte radera \(path): \(why)"
        }
    }
}
