import Platform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file to read: its path (bytes, as the file system has them) and its
/// name as shown to people (escaped where it is not UTF-8 or holds controls).
public struct ScanInput: Sendable, Equatable {
    public var path: FilePath
    /// The path as given or found, for messages.
    public var name: String

    /// The file's own name (its last component), as the workspace records it.
    public var fileName: String { path.lastComponent.map { FilePath(root: nil, [$0]).displayName } ?? name }
}

/// An entry of the given paths that is not read, and why (Swedish).
public struct RefusedEntry: Sendable, Equatable {
    public var name: String
    public var reason: String
}

/// Every entry under the paths given to ingest, accounted for: the regular
/// files to read (folders walked recursively, names as bytes, symbolic links
/// to regular files followed), and every other entry with the reason it is
/// not read (a link to a folder or a loop, a FIFO, socket or device, a file
/// given twice, a hidden file, a text file beside the scans). Nothing is
/// opened while walking, so nothing can block.
public struct ScanInputs: Sendable {
    public var files: [ScanInput] = []
    public var refused: [RefusedEntry] = []
    /// The workspace folder met while walking: the tool's own, never read.
    public var skippedWorkspace = false

    /// File types kept beside scans that are no scans (the samples' scripts and notes).
    static let notScans: Set<String> = ["json", "md", "txt", "py", "pyc", "yaml", "sqlite", "csv"]

    private var seen: [FileIdentity: String] = [:]
    private let workspace: FileIdentity?

    struct FileIdentity: Hashable {
        var device: UInt64
        var inode: UInt64
        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }

    /// Walks `paths` (as given on the command line, in order); `workspace` is never read from.
    public init(paths: [FilePath], excluding workspace: FilePath?) {
        var info = stat()
        self.workspace = workspace.flatMap { path in
            path.withPlatformString { stat($0, &info) } == 0 ? FileIdentity(info) : nil
        }
        for path in paths { visit(path, name: path.displayName, given: true) }
    }

    private mutating func refuse(_ name: String, _ reason: String) {
        refused.append(RefusedEntry(name: name, reason: reason))
    }

    private mutating func visit(_ path: FilePath, name: String, given: Bool) {
        var info = stat()
        guard path.withPlatformString({ lstat($0, &info) }) == 0 else {
            refuse(
                name, errno == ENOENT ? "filen eller mappen finns inte" : PlatformError.swedish(Errno(rawValue: errno)))
            return
        }
        var kind = FileKind(mode: info.st_mode)
        if kind == .symbolicLink {
            // Follow a link to a regular file; a link to a folder may make a loop: not followed.
            guard path.withPlatformString({ stat($0, &info) }) == 0 else {
                refuse(
                    name,
                    errno == ELOOP
                        ? "en symbolisk länk i en slinga: läses inte"
                        : "en symbolisk länk till något som inte finns: läses inte")
                return
            }
            kind = FileKind(mode: info.st_mode)
            if kind == .folder {
                refuse(name, "en symbolisk länk till en mapp: följs inte (ange mappen själv)")
                return
            }
        }
        let identity = FileIdentity(info)
        switch kind {
        case .folder:
            if identity == workspace {
                skippedWorkspace = true
                return
            }
            if path.appending(WorkspaceLock.lockFile).withPlatformString({ lstat($0, &info) }) == 0 {
                // Another workspace's originals are scans already read there: never mixed in.
                refuse(name, "en annan arbetsyta (den har \(WorkspaceLock.lockFile)): läses inte")
                return
            }
            walk(path, name: name, identity: identity)
        case .regular:
            if !given, let ext = path.extension?.lowercased(), Self.notScans.contains(ext) {
                refuse(name, "ingen skanning (.\(ext)): läses inte")
                return
            }
            if let first = seen[identity] {
                refuse(
                    name,
                    first == name
                        ? "angiven mer än en gång: läses en gång"
                        : "samma fil som \(first), som redan är med i körningen")
                return
            }
            seen[identity] = name
            files.append(ScanInput(path: path, name: name))
        default:
            refuse(name, kind.refusal)
        }
    }

    /// The entries of a folder in byte order, each visited.
    private mutating func walk(_ folder: FilePath, name: String, identity: FileIdentity) {
        guard let stream = folder.withPlatformString({ opendir($0) }) else {
            refuse(name, "mappen går inte att läsa: " + PlatformError.swedish(Errno(rawValue: errno)))
            return
        }
        var entries: [[UInt8]] = []
        while let entry = readdir(stream) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if bytes != [0x2E] && bytes != [0x2E, 0x2E] { entries.append(bytes) }
        }
        closedir(stream)
        if entries.isEmpty {
            refuse(name, "en tom mapp: inget att läsa")
            return
        }
        for bytes in entries.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            let component = FilePath.Component(platformString: bytes.map { CChar(bitPattern: $0) } + [0])
            guard let component else { continue }
            let childName = name + "/" + TerminalText.fileName(bytes)
            if bytes.first == 0x2E {
                refuse(childName, "en dold fil: läses inte")
                continue
            }
            visit(folder.appending(component), name: childName, given: false)
        }
    }
}
