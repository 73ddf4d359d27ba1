import Crypto
import Foundation

/// The files named on the command line, folders expanded (recursively,
/// hidden files skipped), in a stable order.
public enum ScanInputs {
    /// `excluding` is a folder never read from (the workspace itself, so that
    /// `avbrott ingest .` does not try to read its own database).
    public static func files(in paths: [String], excluding: URL? = nil) -> (files: [URL], missing: [String]) {
        var files: [URL] = []
        var missing: [String] = []
        let fm = FileManager.default
        let excluded = excluding.map { $0.standardizedFileURL.resolvingSymlinksInPath().path + "/" }
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                missing.append(path)
                continue
            }
            let url = URL(fileURLWithPath: path)
            guard isDirectory.boolValue else {
                files.append(url)
                continue
            }
            let found =
                (fm.enumerator(
                    at: url, includingPropertiesForKeys: [.isRegularFileKey],
                    options: [.skipsHiddenFiles])?.allObjects as? [URL]) ?? []
            files += found.filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
                .filter { url in
                    guard let excluded else { return true }
                    return !url.standardizedFileURL.resolvingSymlinksInPath().path.hasPrefix(excluded)
                }
                .filter { !["json", "md", "txt", "py"].contains($0.pathExtension.lowercased()) }
                .sorted { $0.path < $1.path }
        }
        return (files, missing)
    }

    /// SHA-256 of a file's content, read in chunks.
    public static func sha256(of url: URL) throws -> String {
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            throw ScanInputError.unreadable(url.path)
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}

public enum ScanInputError: Error, CustomStringConvertible {
    case unreadable(String)

    public var description: String {
        switch self {
        case .unreadable(let path): return "Filen \(path) finns inte längre eller går inte att läsa."
        }
    }
}
