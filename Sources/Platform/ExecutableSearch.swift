import Foundation

/// The path of the first executable file named `tool` in the folders of
/// PATH, then in `alsoIn`; nil when there is none.
public func executable(named tool: String, alsoIn extraFolders: [String] = []) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for folder in path.split(separator: ":").map(String.init) + extraFolders where !folder.isEmpty {
        let candidate = "\(folder)/\(tool)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}
