import Platform

/// Reads a definition or configuration file as text, the one way every YAML
/// file is read: without blocking on a FIFO, refusing what is not a regular
/// file or is implausibly large, and naming the file in Swedish when it fails.
public enum DefinitionFile {
    /// Definitions are a few kilobytes; anything near this is a mistake.
    public static let maxBytes = 1 << 20

    /// The text of `path`; errors name the file as `shownAs`.
    public static func text(at path: FilePath, shownAs name: String) throws(DefinitionError) -> String {
        let bytes: [UInt8]
        do { bytes = try FileReader.read(path, maxBytes: maxBytes) } catch {
            let missing = error.reason == PlatformError.swedish(.noSuchFileOrDirectory)
            throw DefinitionError(file: name, line: nil, path: "", message: missing ? "filen finns inte" : error.reason)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw DefinitionError(file: name, line: nil, path: "", message: "filen är inte UTF-8-text")
        }
        return text
    }
}
