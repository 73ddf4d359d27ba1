import SystemPackage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Folders and files readable by their owner only, with that mode given when
/// they are made (never made open first and closed later). A mode that cannot
/// be set is an error: the workspace's secrecy depends on it.
public enum SecureFiles {
    /// Owner only, read and write.
    public static let fileMode: FilePermissions = [.ownerRead, .ownerWrite]
    /// Owner only, read, write and search.
    public static let folderMode: FilePermissions = [.ownerRead, .ownerWrite, .ownerExecute]

    /// Makes `path` a folder of mode 0700 (with its missing parents), or
    /// tightens an existing folder to 0700.
    public static func makeFolder(_ path: FilePath) throws(PlatformError) {
        var info = stat()
        if path.withPlatformString({ lstat($0, &info) }) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw PlatformError(.createFolder, path.string, "det finns redan en fil med det namnet")
            }
            try setMode(path, folderMode)
            return
        }
        if let parent = path.removingLastComponent().nilIfEmpty, parent.withPlatformString({ lstat($0, &info) }) != 0 {
            try makeFolder(parent)
        }
        // mkdir never gives more than asked; the umask may only take away.
        guard path.withPlatformString({ mkdir($0, mode_t(folderMode.rawValue)) }) == 0 else {
            throw PlatformError(.createFolder, path, Errno(rawValue: errno))
        }
        try setMode(path, folderMode)
    }

    /// Creates an empty owner-only file at `path` unless something is there already.
    public static func createIfMissing(_ path: FilePath) throws(PlatformError) {
        do {
            let fd = try FileDescriptor.open(
                path, .writeOnly, options: [.create, .exclusiveCreate],
                permissions: fileMode)
            try fd.close()
        } catch let error as Errno {
            if error == .fileExists { return }
            throw PlatformError(.createFile, path, error)
        } catch {
            throw PlatformError(.createFile, path.string, "\(error)")
        }
    }

    /// Sets the mode of `path`, and fails when it cannot be set.
    public static func setMode(_ path: FilePath, _ mode: FilePermissions) throws(PlatformError) {
        guard path.withPlatformString({ chmod($0, mode_t(mode.rawValue)) }) == 0 else {
            throw PlatformError(.setMode, path, Errno(rawValue: errno))
        }
    }
}

extension FilePath {
    var nilIfEmpty: FilePath? { isEmpty ? nil : self }
}
