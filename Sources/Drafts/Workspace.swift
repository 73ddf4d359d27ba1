import Foundation
import Platform

/// The folder an outage's scans are ingested into: the SQLite database of
/// drafts and a copy of every original scan. Owner-only: the folders are
/// 0700 and the files 0600 from the moment they are made, since everything
/// in it is confidential.
public struct Workspace: Sendable {
    public static let defaultPath = "avbrott-arbetsyta"
    public let root: URL

    public var database: URL { root.appendingPathComponent("utkast.sqlite") }
    public var originals: URL { root.appendingPathComponent("original") }
    /// Images the plain review writes for the clerk to open (the current field, the page).
    public var reviewImages: URL { root.appendingPathComponent("granskning") }

    /// Writes `bytes` (a PNG) as `name` in `reviewImages`, owner-only; returns its path.
    public func writeReviewImage(_ bytes: [UInt8], name: String) throws -> String {
        try SecureFiles.makeFolder(FilePath(reviewImages.path))
        let path = reviewImages.appendingPathComponent(name).path
        try AtomicFile.write(bytes, to: FilePath(path))
        return path
    }

    /// Opens the workspace at `path`, creating it when `create` is true.
    public init(path: String, create: Bool) throws {
        root = URL(fileURLWithPath: path).standardizedFileURL
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: root.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw WorkspaceError.notAFolder(root.path) }
        } else if !create {
            throw WorkspaceError.missing(root.path)
        }
        if !create && !fm.fileExists(atPath: database.path) { throw WorkspaceError.missing(database.path) }
        // Made 0700, or tightened to it whatever an umask or an earlier version left.
        try SecureFiles.makeFolder(FilePath(root.path))
        if create || fm.fileExists(atPath: originals.path) { try SecureFiles.makeFolder(FilePath(originals.path)) }
    }

    /// Keeps a scan's bytes (exactly those that were read) in the workspace
    /// under its content hash, atomically and owner-only; returns the path
    /// relative to the workspace. `name` gives the file type's extension.
    public func storeOriginal(_ bytes: [UInt8], name: String, sha256: String) throws -> String {
        let ext = String(
            FilePath(name).extension?.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
                .prefix(8) ?? "")
        let stored = "\(sha256).\(ext.isEmpty ? "bin" : ext)"
        let target = originals.appendingPathComponent(stored)
        if !FileManager.default.fileExists(atPath: target.path) {
            try AtomicFile.write(bytes, to: FilePath(target.path))
        }
        return "original/\(stored)"
    }
}

public enum WorkspaceError: Error, CustomStringConvertible, Equatable {
    case missing(String)
    case notAFolder(String)
    /// The database file and what is wrong with it.
    case database(String, String)
    /// The workspace (or its database) was removed while in use.
    case vanished(String)

    public var description: String {
        switch self {
        case .missing(let path):
            return "Arbetsytan \(path) finns inte. Kör först avbrott ingest, eller ange rätt mapp med --workspace."
        case .notAFolder(let path): return "\(path) är ingen mapp."
        case .database(let file, let why): return "Databasen \(file) kan inte användas: \(why)"
        case .vanished(let path):
            return "Arbetsytan \(path) finns inte längre (rensad eller borttagen): det senaste sparades inte."
        }
    }
}
