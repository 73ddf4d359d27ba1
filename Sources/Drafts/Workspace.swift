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

    /// Copies a scan into the workspace under its content hash (atomically,
    /// owner-only); returns the path relative to the workspace.
    public func storeOriginal(_ source: URL, sha256: String) throws -> String {
        let ext = source.pathExtension.isEmpty ? "bin" : source.pathExtension.lowercased()
        let name = "\(sha256).\(ext.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }.prefix(8))"
        let target = originals.appendingPathComponent(name)
        if !FileManager.default.fileExists(atPath: target.path) {
            try AtomicFile.copy(from: FilePath(source.path), to: FilePath(target.path))
        }
        return "original/\(name)"
    }
}

public enum WorkspaceError: Error, CustomStringConvertible, Equatable {
    case missing(String)
    case notAFolder(String)
    case database(String)

    public var description: String {
        switch self {
        case .missing(let path):
            return "Arbetsytan \(path) finns inte. Kör först avbrott ingest, eller ange rätt mapp med --workspace."
        case .notAFolder(let path): return "\(path) är ingen mapp."
        case .database(let why): return "Databasen i arbetsytan kan inte användas: \(why)"
        }
    }
}
