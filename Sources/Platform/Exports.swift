// Paths and file descriptors are swift-system's everywhere the tool touches files.
@_exported import SystemPackage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension FilePath {
    /// The path's bytes exactly as the file system has them (not necessarily UTF-8).
    public var bytes: [UInt8] {
        withPlatformString { pointer in
            Array(UnsafeBufferPointer(start: pointer, count: strlen(pointer))).map { UInt8(bitPattern: $0) }
        }
    }

    /// The path as people read it: escaped where it is not UTF-8 or holds controls.
    public var displayName: String { TerminalText.fileName(bytes) }
}
