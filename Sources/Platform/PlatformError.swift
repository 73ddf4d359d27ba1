import SystemPackage

/// A file, folder or program the tool could not handle, in Swedish, with the
/// path and the operating system's reason.
public struct PlatformError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Operation: Sendable, Equatable {
        case createFolder, createFile, write, sync, rename, setMode, open, read, remove, run, lock
    }

    public var operation: Operation
    public var path: String
    public var reason: String

    public init(_ operation: Operation, _ path: String, _ reason: String) {
        self.operation = operation
        self.path = path
        self.reason = reason
    }

    init(_ operation: Operation, _ path: FilePath, _ errno: Errno) {
        self.init(operation, path.displayName, Self.swedish(errno))
    }

    public var description: String {
        let verb =
            switch operation {
            case .createFolder: "skapa mappen"
            case .createFile: "skapa filen"
            case .write: "skriva"
            case .sync: "spara (fsync)"
            case .rename: "byta namn på"
            case .setMode: "sätta behörigheterna på"
            case .open: "öppna"
            case .read: "läsa"
            case .remove: "ta bort"
            case .run: "köra"
            case .lock: "låsa"
            }
        return "Kan inte \(verb) \(path): \(reason)"
    }

    /// The operating system's reason in Swedish, for the errors a user can act on.
    public static func swedish(_ errno: Errno) -> String {
        switch errno {
        case .noSuchFileOrDirectory: return "finns inte"
        case .permissionDenied, .notPermitted: return "behörighet saknas"
        case .fileExists: return "finns redan"
        case .notDirectory: return "en del av sökvägen är ingen mapp"
        case .isDirectory: return "det är en mapp"
        case .noSpace: return "disken är full"
        case .readOnlyFileSystem: return "filsystemet är skrivskyddat"
        case .fileNameTooLong: return "namnet är för långt"
        case .tooManySymbolicLinkLevels: return "för många symboliska länkar (en slinga?)"
        case .resourceBusy: return "används av ett annat program"
        default: return "systemfel \(errno.rawValue)"
        }
    }
}
