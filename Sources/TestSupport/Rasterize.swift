import Foundation
import Raster

/// Rasterises PDF pages with poppler's `pdftoppm` and reads them back as
/// greyscale images, so tests can measure what was really printed.
public enum Rasterize {
    /// Page `page` (1-based) of `pdf` at `dpi`, in grey.
    public static func page(_ pdf: String, page: Int, dpi: Int) throws -> GreyImage {
        let scratch = try TemporaryDirectory(prefix: "raster")
        let prefix = scratch.file("page")
        try runToolChecked(
            "pdftoppm",
            [
                "-r", "\(dpi)", "-gray", "-f", "\(page)", "-l", "\(page)", "-singlefile",
                pdf, prefix,
            ])
        return try readPGM(Data(contentsOf: URL(fileURLWithPath: prefix + ".pgm")))
    }

    /// Parses a binary PGM (P5, 8-bit).
    public static func readPGM(_ data: Data) throws -> GreyImage {
        let bytes = [UInt8](data)
        var index = 0
        func token() throws -> String {
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "#") {
                    while index < bytes.count, bytes[index] != 10 { index += 1 }
                } else if bytes[index] == 32 || bytes[index] == 10 || bytes[index] == 13 || bytes[index] == 9 {
                    index += 1
                } else {
                    break
                }
            }
            let start = index
            while index < bytes.count, ![32, 10, 13, 9].contains(bytes[index]) { index += 1 }
            guard index > start else { throw ToolError(description: "truncated PGM header") }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }
        guard try token() == "P5", let width = Int(try token()), let height = Int(try token()),
            let maxValue = Int(try token()), maxValue == 255
        else {
            throw ToolError(description: "not an 8-bit binary PGM")
        }
        index += 1
        guard bytes.count - index >= width * height else { throw ToolError(description: "truncated PGM data") }
        return GreyImage(width: width, height: height, pixels: Array(bytes[index..<(index + width * height)]))
    }
}

/// Runs the built `avbrott` binary, as a user would.
public func runAvbrott(_ arguments: [String]) throws -> ToolOutput {
    try runTool(RepositoryPaths.executable.path, arguments)
}

/// The outage the sample scans and the test sheets were written in.
public enum SampleOutage {
    public static let start = "2026-10-12"
    public static let end = "2026-10-16"
}

/// Records the sample outage in `workspace` (creating it), then ingests
/// `paths` with the built binary: dates on paper are read against the
/// outage, never against today.
public func ingestDuringSampleOutage(workspace: String, _ paths: [String], extra: [String] = []) throws -> ToolOutput {
    let outage = try runAvbrott([
        "outage", "--workspace", workspace, "--start", SampleOutage.start,
        "--end", SampleOutage.end,
    ])
    guard outage.status == 0 else { throw ToolError(description: "outage: \(outage.errorText)") }
    return try runAvbrott(["ingest", "--workspace", workspace] + extra + paths)
}
