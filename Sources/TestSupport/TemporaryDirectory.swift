import Foundation

/// A fresh directory under the system's temporary folder, removed with
/// everything in it when the value is released.
public final class TemporaryDirectory {
    public let url: URL
    public var path: String { url.path }

    public init(prefix: String = "avbrott-test") throws {
        let base = URL(fileURLWithPath: NSTemporaryDirectory(), isDirectory: true)
        let url = base.appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        self.url = url
    }

    /// The path of `name` inside the directory.
    public func file(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// A new directory `name` inside the directory.
    public func subdirectory(_ name: String) throws -> URL {
        let sub = url.appendingPathComponent(name, isDirectory: true)
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        return sub
    }

    /// The names of the files in the directory, sorted.
    public func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}

/// Fixtures made once per test process and shared by its tests (a workspace
/// that takes a while to make, copied by each test that changes it). They
/// live in one folder that is removed when the process exits.
public enum SharedFixtures {
    public static let folder: String = {
        let path = NSTemporaryDirectory() + "avbrott-fixtures-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: SharedFixtures.folder) }
        return path
    }()

    /// A new folder for the fixture `name`.
    public static func subfolder(_ name: String) throws -> String {
        let path = folder + "/\(name)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
