import Foundation
import Platform

/// What a command-line tool printed and how it ended.
public struct ToolOutput: Sendable {
    public let status: Int32
    public let stdout: Data
    public let stderr: Data

    public var text: String { String(decoding: stdout, as: UTF8.self) }
    public var errorText: String { String(decoding: stderr, as: UTF8.self) }
}

public struct ToolError: Error, CustomStringConvertible {
    public let description: String
    public init(description: String) { self.description = description }
}

/// Runs a command-line tool (found on PATH, e.g. "pdftotext") with
/// `arguments` and waits for it. Output goes through temporary files, so a
/// tool that prints a lot cannot block on a full pipe.
public func runTool(_ name: String, _ arguments: [String]) throws -> ToolOutput {
    guard let executable = findExecutable(name) else {
        throw ToolError(description: "\(name) not found on PATH")
    }
    let scratch = try TemporaryDirectory(prefix: "tool")
    let outURL = scratch.url.appendingPathComponent("stdout")
    let errURL = scratch.url.appendingPathComponent("stderr")
    try Data().write(to: outURL)
    try Data().write(to: errURL)
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    defer {
        try? out.close()
        try? err.close()
    }

    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = out
    process.standardError = err
    try process.run()
    process.waitUntilExit()
    return ToolOutput(
        status: process.terminationStatus,
        stdout: try Data(contentsOf: outURL),
        stderr: try Data(contentsOf: errURL))
}

/// Like `runTool`, but throws unless the tool exits with status 0; returns stdout as text.
@discardableResult
public func runToolChecked(_ name: String, _ arguments: [String]) throws -> String {
    let output = try runTool(name, arguments)
    guard output.status == 0 else {
        throw ToolError(
            description: "\(name) \(arguments.joined(separator: " ")) exited with \(output.status): \(output.errorText)"
        )
    }
    return output.text
}

/// Whether a tool is installed (on PATH).
public func toolExists(_ name: String) -> Bool { findExecutable(name) != nil }

private func findExecutable(_ name: String) -> String? {
    name.contains("/") ? (FileManager.default.isExecutableFile(atPath: name) ? name : nil) : executable(named: name)
}
