import Foundation

/// Finds the `Forms/` folder: an explicit path, `AVBROTT_FORMS`, beside or
/// above the executable (a build inside a clone), the working directory, or
/// the system share folders.
public enum FormsDirectory {
    public static let marker = "bilaga-3.yaml"

    public static func locate(
        explicit: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> URL {
        if let explicit {
            let url = URL(fileURLWithPath: explicit)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw CatalogError.formsNotFound(searched: [url.path])
            }
            return url
        }
        var candidates: [URL] = []
        if let env = environment["AVBROTT_FORMS"], !env.isEmpty { candidates.append(URL(fileURLWithPath: env)) }
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(folder.appendingPathComponent("Forms"))
            folder.deleteLastPathComponent()
        }
        candidates.append(
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Forms"))
        candidates.append(URL(fileURLWithPath: "/usr/local/share/avbrott/Forms"))
        candidates.append(URL(fileURLWithPath: "/usr/share/avbrott/Forms"))
        for candidate in candidates
        where FileManager.default.fileExists(atPath: candidate.appendingPathComponent(marker).path) {
            return candidate.standardizedFileURL
        }
        throw CatalogError.formsNotFound(searched: candidates.map(\.path))
    }
}
