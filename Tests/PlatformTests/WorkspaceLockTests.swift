import Foundation
import Platform
import TestSupport
import Testing

/// Writers share the workspace; purge takes it alone, and names who holds it.
@Suite("WorkspaceLock")
struct WorkspaceLockTests {
    @Test func writersShareAndPurgeIsRefusedNamingThem() throws {
        let folder = try TemporaryDirectory()
        let path = FilePath(folder.path)
        let review = try WorkspaceLock(folder: path, mode: .shared, activity: "granskning av anna")
        let ingest = try WorkspaceLock(folder: path, mode: .shared, activity: "inläsning")
        let refused = #expect(throws: WorkspaceLockError.self) {
            _ = try WorkspaceLock(folder: path, mode: .exclusive, activity: "rensning")
        }
        let message = refused?.description ?? ""
        #expect(message.contains("granskning av anna") && message.contains("inläsning"), "\(message)")
        withExtendedLifetime((review, ingest)) {}
    }

    @Test func theLockIsGoneWithItsHolderAndSoIsItsNote() throws {
        let folder = try TemporaryDirectory()
        let path = FilePath(folder.path)
        do {
            let holder = try WorkspaceLock(folder: path, mode: .shared, activity: "inläsning")
            #expect(FileManager.default.fileExists(atPath: folder.file(WorkspaceLock.holdersFolder)))
            withExtendedLifetime(holder) {}
        }
        #expect(!FileManager.default.fileExists(atPath: folder.file(WorkspaceLock.holdersFolder)))
        let alone = try WorkspaceLock(folder: path, mode: .exclusive, activity: "rensning")
        // While purge holds it, nobody else gets in.
        let blocked = #expect(throws: WorkspaceLockError.self) {
            _ = try WorkspaceLock(folder: path, mode: .shared, activity: "inläsning")
        }
        #expect(blocked == .purgeRunning)
        withExtendedLifetime(alone) {}
    }

    @Test func theLockFileAndNotesAreOwnerOnly() throws {
        let folder = try TemporaryDirectory()
        let old = umask(0)
        defer { umask(old) }
        let holder = try WorkspaceLock(folder: FilePath(folder.path), mode: .shared, activity: "inläsning")
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.file(WorkspaceLock.lockFile))
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let notes = try FileManager.default.attributesOfItem(atPath: folder.file(WorkspaceLock.holdersFolder))
        #expect((notes[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        withExtendedLifetime(holder) {}
    }
}
