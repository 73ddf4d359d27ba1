import Foundation
import Platform
import TestSupport
import Testing

/// The one writer every file goes through.
@Suite("AtomicFile")
struct AtomicFileTests {
    func mode(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test func replacesTheOldFileOwnerOnlyAndLeavesNothingElse() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("binder.pdf")
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        try AtomicFile.write(Array("%PDF-new".utf8), to: FilePath(path))
        #expect(try folder.contents() == ["binder.pdf"])
        #expect(try mode(path) == 0o600)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("%PDF-new".utf8))
    }

    @Test(arguments: [0o000, 0o022, 0o077])
    func theModeIsOwnerOnlyWhateverTheUmask(umaskValue: Int) throws {
        let folder = try TemporaryDirectory()
        let old = umask(mode_t(umaskValue))
        defer { umask(old) }
        try AtomicFile.write([1, 2, 3], to: FilePath(folder.file("a")))
        try SecureFiles.makeFolder(FilePath(folder.file("mapp/under")))
        #expect(try mode(folder.file("a")) == 0o600)
        #expect(try mode(folder.file("mapp")) == 0o700)
        #expect(try mode(folder.file("mapp/under")) == 0o700)
    }

    @Test func aMissingFolderIsASwedishErrorAndLeavesNothing() throws {
        let folder = try TemporaryDirectory()
        let error = #expect(throws: PlatformError.self) {
            try AtomicFile.write([1], to: FilePath(folder.file("saknas/binder.pdf")))
        }
        #expect(error?.description.contains("saknas/") == true)
        #expect(error?.description.contains("finns inte") == true)
        #expect(try folder.contents().isEmpty)
    }

    @Test func aFailedRenameRemovesTheTemporaryFileAndKeepsWhatWasThere() throws {
        let folder = try TemporaryDirectory()
        // A folder where the file should go: the temporary is written, the rename fails.
        let target = folder.file("binder.pdf")
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
        try Data("x".utf8).write(to: URL(fileURLWithPath: target + "/keep"))
        let error = #expect(throws: PlatformError.self) { try AtomicFile.write([1, 2], to: FilePath(target)) }
        #expect(error?.operation == .rename)
        #expect(try folder.contents() == ["binder.pdf"])
        #expect(FileManager.default.fileExists(atPath: target + "/keep"))
    }

    @Test func twoWritersAtOnceNeverShareATemporaryFile() async throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("samma.csv")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<16 {
                group.addTask { try AtomicFile.write(Array(repeating: UInt8(i), count: 100_000), to: FilePath(path)) }
            }
            try await group.waitForAll()
        }
        #expect(try folder.contents() == ["samma.csv"])
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes.count == 100_000 && Set(bytes).count == 1, "one writer's bytes, whole")
    }

    @Test func copiesLargeFilesInChunks() throws {
        let folder = try TemporaryDirectory()
        let source = folder.file("stor.bin")
        let content = (0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try Data(content).write(to: URL(fileURLWithPath: source))
        try AtomicFile.copy(from: FilePath(source), to: FilePath(folder.file("kopia.bin")))
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder.file("kopia.bin")))) == content)
        #expect(try mode(folder.file("kopia.bin")) == 0o600)
    }
}
