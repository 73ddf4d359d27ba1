import Foundation

/// Paths inside this repository, for tests that read the real `Forms/` and
/// `SampleScans/` or run the built `avbrott` binary.
public enum RepositoryPaths {
    /// The repository root, found from this source file's location.
    public static var root: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // TestSupport
            .deletingLastPathComponent()  // Sources
            .deletingLastPathComponent()  // root
    }

    public static var forms: URL { root.appendingPathComponent("Forms") }
    public static var sampleScans: URL { root.appendingPathComponent("SampleScans") }

    /// The `avbrott` executable of the build that runs the tests.
    public static var executable: URL {
        // Test bundles live in the same products folder as the executable.
        let candidates =
            [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
            + [URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()]
        for folder in candidates {
            let url = folder.appendingPathComponent("avbrott")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return root.appendingPathComponent(".build/debug/avbrott")
    }
}
