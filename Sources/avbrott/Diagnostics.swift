import ArgumentParser
import Foundation
import Platform

/// Where the tool talks to people: results to stdout, everything else to stderr.
enum Diagnostics {
    /// Every line the tool writes to the terminal passes `TerminalText.safe`:
    /// a file name, a sheet code or a clerk's text cannot steer the terminal.
    static func note(_ message: String) {
        FileHandle.standardError.write(Data("\(TerminalText.safe(message, keepingLayout: true))\n".utf8))
    }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data("avbrott: fel: \(TerminalText.safe(message, keepingLayout: true))\n".utf8))
    }

    /// A result line on standard output.
    static func output(_ text: String, terminator: String = "\n") {
        FileHandle.standardOutput.write(Data((TerminalText.safe(text, keepingLayout: true) + terminator).utf8))
    }
}

extension ParsableCommand {
    /// Runs `body`; an error is printed in Swedish on stderr and the command
    /// fails with exit status 1 (argument errors keep the parser's own handling).
    func reportingErrors(_ body: () throws -> Void) throws {
        do { try body() } catch { throw Diagnostics.reported(error) }
    }

    /// `reportingErrors` for a command that waits for other programs.
    func reportingErrors(_ body: () async throws -> Void) async throws {
        do { try await body() } catch { throw Diagnostics.reported(error) }
    }
}

extension Diagnostics {
    /// The error to end the command with: the parser's own errors as they
    /// are, anything else printed in Swedish and turned into exit status 1.
    static func reported(_ error: any Error) -> any Error {
        if error is ExitCode || error is ValidationError { return error }
        Diagnostics.error(String(describing: error))
        return ExitCode.failure
    }
}
