import SystemPackage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a whole file safely: opened without blocking (a FIFO never hangs
/// the tool), checked to be a regular file on the descriptor itself (no race
/// between checking and reading), and refused above a size limit before a
/// byte is read.
public enum FileReader {
    public static func read(_ path: FilePath, maxBytes: Int) throws(PlatformError) -> [UInt8] {
        let fd: FileDescriptor
        do {
            fd = try FileDescriptor.open(path, .readOnly, options: [.nonBlocking, .closeOnExec])
        } catch {
            throw PlatformError(.open, path, error as? Errno ?? .ioError)
        }
        defer { try? fd.close() }
        var info = stat()
        guard fstat(fd.rawValue, &info) == 0 else { throw PlatformError(.read, path, Errno(rawValue: errno)) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw PlatformError(.read, path.displayName, FileKind(mode: info.st_mode).refusal)
        }
        guard Int(info.st_size) <= maxBytes else {
            throw PlatformError(.read, path.displayName, "filen är större än \(maxBytes >> 20) MB")
        }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var filled = 0
        while filled < bytes.count {
            let n: Int
            do {
                n = try bytes.withUnsafeMutableBytes { buffer in
                    try fd.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
                }
            } catch {
                throw PlatformError(.read, path, error as? Errno ?? .ioError)
            }
            if n == 0 { break }
            filled += n
        }
        // A file that shrank while being read is read as far as it goes.
        return Array(bytes.prefix(filled))
    }
}

/// What kind of thing a directory entry is, from its mode.
public enum FileKind: Sendable, Equatable {
    case regular, folder, symbolicLink, fifo, socket, characterDevice, blockDevice, unknown

    public init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .folder
        case S_IFLNK: self = .symbolicLink
        case S_IFIFO: self = .fifo
        case S_IFSOCK: self = .socket
        case S_IFCHR: self = .characterDevice
        case S_IFBLK: self = .blockDevice
        default: self = .unknown
        }
    }

    /// Why such an entry is not read, in Swedish.
    public var refusal: String {
        switch self {
        case .regular: return "en vanlig fil"
        case .folder: return "det är en mapp"
        case .symbolicLink: return "en symbolisk länk"
        case .fifo: return "en namngiven rörledning (FIFO), ingen fil: läses inte"
        case .socket: return "ett uttag (socket), ingen fil: läses inte"
        case .characterDevice, .blockDevice: return "en enhetsfil, ingen fil: läses inte"
        case .unknown: return "ingen vanlig fil: läses inte"
        }
    }
}
