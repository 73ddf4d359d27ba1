import SystemPackage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one way every file the tool writes is written: into a new temporary
/// file with a unique name in the target's own folder, created owner-only
/// (0600), flushed to disk, renamed over the target, and the folder flushed
/// too. A crash leaves the old file or the new one, never a mixture; two
/// writers at once never share a temporary file.
public enum AtomicFile {
    public static func write(_ bytes: some Collection<UInt8>, to target: FilePath) throws(PlatformError) {
        try write(to: target) { fd in _ = try fd.writeAll(bytes) }
    }

    /// Copies the file at `source` to `target`, a megabyte at a time (a scan
    /// may be hundreds of megabytes).
    public static func copy(from source: FilePath, to target: FilePath) throws(PlatformError) {
        let input: FileDescriptor
        do { input = try FileDescriptor.open(source, .readOnly) } catch {
            throw PlatformError(.open, source, error as? Errno ?? .ioError)
        }
        defer { try? input.close() }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        try write(to: target) { output in
            while true {
                let n: Int
                do { n = try buffer.withUnsafeMutableBytes { try input.read(into: $0) } } catch {
                    throw PlatformError(.read, source, error as? Errno ?? .ioError)
                }
                if n == 0 { break }
                _ = try output.writeAll(buffer[0..<n])
            }
        }
    }

    /// Creates the temporary file, lets `fill` write it, then flushes and renames it over `target`.
    static func write(to target: FilePath, _ fill: (FileDescriptor) throws -> Void) throws(PlatformError) {
        let folder = target.removingLastComponent().nilIfEmpty ?? FilePath(".")
        let name = target.lastComponent?.string ?? "fil"
        var attempts = 0
        while true {
            let temporary = folder.appending(".\(name).\(randomSuffix()).tmp")
            let fd: FileDescriptor
            do {
                fd = try FileDescriptor.open(
                    temporary, .writeOnly, options: [.create, .exclusiveCreate],
                    permissions: SecureFiles.fileMode)
            } catch let error as Errno where error == .fileExists && attempts < 8 {
                attempts += 1
                continue
            } catch {
                // The temporary name means nothing to the user: the file they asked for is named.
                let errno = error as? Errno ?? .ioError
                if errno == .noSuchFileOrDirectory {
                    throw PlatformError(.createFile, target.displayName, "mappen \(folder.displayName) finns inte")
                }
                throw PlatformError(.createFile, target, errno)
            }
            do {
                try fd.closeAfter {
                    try fill(fd)
                    guard fsync(fd.rawValue) == 0 else { throw PlatformError(.sync, target, Errno(rawValue: errno)) }
                }
                guard temporary.withPlatformString({ from in target.withPlatformString { rename(from, $0) } }) == 0
                else {
                    throw PlatformError(.rename, target, Errno(rawValue: errno))
                }
            } catch {
                _ = temporary.withPlatformString { unlink($0) }
                if let error = error as? PlatformError { throw error }
                throw PlatformError(.write, target, error as? Errno ?? .ioError)
            }
            syncFolder(folder)
            return
        }
    }

    /// Flushes a folder's entries, so a rename survives a power cut. Best
    /// effort: some file systems (FAT on a USB stick) cannot sync a folder.
    static func syncFolder(_ folder: FilePath) {
        guard let fd = try? FileDescriptor.open(folder, .readOnly, options: [.directory]) else { return }
        try? fd.closeAfter { _ = fsync(fd.rawValue) }
    }

    static func randomSuffix() -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        return String((0..<12).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
    }
}
