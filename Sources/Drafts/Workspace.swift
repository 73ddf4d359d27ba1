import Foundation

/// The folder an outage's scans are ingested into: the SQLite database of
/// drafts and a copy of every original scan. Owner-only: the folders are
/// 0700 and the files 0600, since everything in it is confidential.
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
        } else if create {
            try Self.makeFolder(root)
        } else {
            throw WorkspaceError.missing(root.path)
        }
        if create {
            if !fm.fileExists(atPath: originals.path) { try Self.makeFolder(originals) }
        } else if !fm.fileExists(atPath: database.path) {
            throw WorkspaceError.missing(database.path)
        }
        // Tighten whatever umask or an earlier version left behind.
        chmod(root.path, 0o700)
        chmod(originals.path, 0o700)
    }

    static func makeFolder(_ url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw WorkspaceError.cannotCreate(url.path, String(describing: error))
        }
    }

    /// Copies a scan into the workspace under its content hash (atomically,
    /// owner-only); returns the path relative to the workspace.
    public func storeOriginal(_ source: URL, sha256: String) throws -> String {
        let ext = source.pathExtension.isEmpty ? "bin" : source.pathExtension.lowercased()
        let name = "\(sha256).\(ext)"
        let target = originals.appendingPathComponent(name)
        if FileManager.default.fileExists(atPath: target.path) { return "original/\(name)" }
        let temporary = originals.appendingPathComponent(".\(name).tmp")
        try? FileManager.default.removeItem(at: temporary)
        do {
            try FileManager.default.copyItem(at: source, to: temporary)
            chmod(temporary.path, 0o600)
            try FileManager.default.moveItem(at: temporary, to: target)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw WorkspaceError.cannotCopy(source.path, String(describing: error))
        }
        return "original/\(name)"
    }
}

public enum WorkspaceError: Error, CustomStringConvertible, Equatable {
    case missing(String)
    case notAFolder(String)
    case cannotCreate(String, String)
    case cannotCopy(String, String)
    case database(String)

    public var description: String {
        switch self {
        case .missing(let path):
            return "Arbetsytan \(path) finns inte. Kör först avbrott ingest, eller ange rätt mapp med --workspace."
        case .notAFolder(let path): return "\(path) är ingen mapp."
        case let .cannotCreate(path, why): return "Kan inte skapa mappen \(path): \(why)"
        case let .cannotCopy(path, why): return "Kan inte spara en kopia av \(path) i arbetsytan: \(why)"
        case .database(let why): return "Databasen i arbetsytan kan inte användas: \(why)"
        }
    }
}
