import Foundation
import Synchronization
import SystemPackage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The workspace's lock, so that one destructive writer works at a time:
/// ingest, review, register and the other writers share it; purge takes it
/// alone and refuses while anyone holds it, naming who. It is an `flock` on
/// a file in the workspace, so it dies with the process that held it (even
/// on `kill -9`). Each holder also leaves a note with what it is doing, so
/// purge can say what is running.
public final class WorkspaceLock: Sendable {
    public enum Mode: Sendable { case shared, exclusive }

    public static let lockFile = ".avbrott-lås"
    public static let holdersFolder = ".avbrott-pågår"

    private let descriptor: FileDescriptor
    private let note: FilePath?

    /// Takes the lock of the workspace folder `folder`, without waiting.
    /// `activity` says what the holder does ("granskning av anna").
    public init(folder: FilePath, mode: Mode, activity: String) throws(WorkspaceLockError) {
        let path = folder.appending(Self.lockFile)
        do {
            descriptor = try FileDescriptor.open(
                path, .readWrite, options: [.create, .closeOnExec],
                permissions: SecureFiles.fileMode)
        } catch {
            throw .cannotOpen(PlatformError(.open, path, error as? Errno ?? .ioError))
        }
        let operation = (mode == .shared ? LOCK_SH : LOCK_EX) | LOCK_NB
        guard flock(descriptor.rawValue, operation) == 0 else {
            let holders = Self.holders(in: folder)
            try? descriptor.close()
            throw mode == .shared ? .purgeRunning : .inUse(holders)
        }
        if mode == .shared {
            let folderPath = folder.appending(Self.holdersFolder)
            // "<pid>-<n>": the process (to tell a live holder from a dead one) and which of its holders.
            let mine = folderPath.appending("\(getpid())-\(Self.holderNumber.next())")
            do {
                try SecureFiles.makeFolder(folderPath)
                try AtomicFile.write(Array(Self.describe(activity).utf8), to: mine)
                note = mine
            } catch {
                note = nil
            }
        } else {
            note = nil
            // Alone: whatever notes are left were left by processes that are gone.
            Self.removeNotes(in: folder)
        }
    }

    deinit {
        if let note {
            _ = unlink(note.string)
            // The folder goes with the last note (it stays while another holder's is there).
            _ = rmdir(note.removingLastComponent().string)
        }
        try? descriptor.close()
    }

    /// Numbers the holders of this process.
    static let holderNumber = Counter()

    final class Counter: Sendable {
        private let value = Mutex(0)
        func next() -> Int {
            value.withLock {
                $0 += 1
                return $0
            }
        }
    }

    static func describe(_ activity: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "sv_SE")
        formatter.timeZone = TimeZone(identifier: "Europe/Stockholm")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return "\(activity) (process \(getpid()), sedan \(formatter.string(from: Date())))"
    }

    /// What the processes that still run say they are doing.
    static func holders(in folder: FilePath) -> [String] {
        let path = folder.appending(holdersFolder)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path.string) else { return [] }
        return names.sorted().compactMap { name in
            guard let pid = name.split(separator: "-").first.flatMap({ pid_t($0) }), kill(pid, 0) == 0 || errno == EPERM
            else { return nil }
            // Read like any other file: a FIFO left there cannot make purge hang.
            return (try? FileReader.read(path.appending(name), maxBytes: 4096)).map {
                TerminalText.safe(String(decoding: $0, as: UTF8.self))
            }
        }
    }

    static func removeNotes(in folder: FilePath) {
        let path = folder.appending(holdersFolder)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: path.string)) ?? [] {
            _ = unlink(path.appending(name).string)
        }
        _ = rmdir(path.string)
    }
}

public enum WorkspaceLockError: Error, Equatable, CustomStringConvertible {
    case cannotOpen(PlatformError)
    /// Purge is running on the workspace.
    case purgeRunning
    /// Others hold the lock; what they say they do.
    case inUse([String])

    public var description: String {
        switch self {
        case .cannotOpen(let error): return "\(error)"
        case .purgeRunning: return "Arbetsytan rensas just nu (avbrott purge); inget kan läsas in eller ändras i den."
        case .inUse(let holders):
            let list = holders.isEmpty ? "ett annat avbrott-program" : holders.joined(separator: "; ")
            return "Arbetsytan används just nu: \(list). Vänta tills det är klart och försök igen."
        }
    }
}
