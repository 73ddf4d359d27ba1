import Foundation
import Platform
import TestSupport
import Testing

/// Files are read once, without blocking, and only when they are regular files.
@Suite("FileReader")
struct FileReaderTests {
    @Test func aFIFOIsRefusedWithoutBlocking() throws {
        let folder = try TemporaryDirectory()
        let fifo = folder.file("ror.png")
        try #require(mkfifo(fifo, 0o600) == 0)
        let started = Date()
        let error = #expect(throws: PlatformError.self) { try FileReader.read(FilePath(fifo), maxBytes: 1 << 20) }
        #expect(Date().timeIntervalSince(started) < 2, "opening a FIFO must not wait for a writer")
        #expect(error?.description.contains("namngiven rörledning (FIFO)") == true)
    }

    @Test func aFolderAndADeviceAreRefused() throws {
        let folder = try TemporaryDirectory()
        let onFolder = #expect(throws: PlatformError.self) { try FileReader.read(FilePath(folder.path), maxBytes: 10) }
        #expect(onFolder != nil)
        let onDevice = #expect(throws: PlatformError.self) { try FileReader.read(FilePath("/dev/zero"), maxBytes: 10) }
        #expect(onDevice?.description.contains("enhetsfil") == true)
    }

    @Test func aFileAboveTheLimitIsRefusedBeforeItIsRead() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("stor.png")
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        #expect(truncate(path, 3 << 30) == 0)
        let error = #expect(throws: PlatformError.self) { try FileReader.read(FilePath(path), maxBytes: 512 << 20) }
        #expect(error?.description.contains("större än 512 MB") == true)
    }

    @Test func aRegularFileIsReadWhole() throws {
        let folder = try TemporaryDirectory()
        let bytes = (0..<100_000).map { UInt8($0 & 0xFF) }
        try Data(bytes).write(to: URL(fileURLWithPath: folder.file("a")))
        #expect(try FileReader.read(FilePath(folder.file("a")), maxBytes: 1 << 20) == bytes)
        let missing = #expect(throws: PlatformError.self) {
            try FileReader.read(FilePath(folder.file("saknas")), maxBytes: 10)
        }
        #expect(missing?.description.contains("finns inte") == true)
    }
}
