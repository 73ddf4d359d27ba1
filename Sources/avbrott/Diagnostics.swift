import ArgumentParser
import Foundation

/// Where the tool talks to people: results to stdout, everything else to stderr.
enum Diagnostics {
    static func note(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data("avbrott: fel: \(message)\n".utf8))
    }
}

extension ParsableCommand {
    /// Runs `body`; an error is printed in Swedish on stderr and the command
    /// fails with exit status 1 (argument errors keep the parser's own handling).
    func reportingErrors(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as ExitCode {
            throw error
        } catch let error as ValidationError {
            throw error
        } catch {
            Diagnostics.error(String(describing: error))
            throw ExitCode.failure
        }
    }
}
