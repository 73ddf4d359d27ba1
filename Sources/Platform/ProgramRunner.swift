import Foundation
import Subprocess

/// What a program printed and how it ended.
public struct ProgramOutput: Sendable {
    /// The exit status; nil when a signal ended the program.
    public var status: Int32?
    public var standardOutput: [UInt8]
    public var standardError: [UInt8]

    public var succeeded: Bool { status == 0 }
    public var text: String { String(decoding: standardOutput, as: UTF8.self) }
    public var errorText: String { String(decoding: standardError, as: UTF8.self) }
}

/// The one way the tool runs another program: found on PATH (or by its
/// path), output collected up to a limit, and stopped (SIGTERM, then SIGKILL)
/// when it runs past its time limit.
public enum ProgramRunner {
    public static func run(
        _ program: String, _ arguments: [String], timeout: Duration = .seconds(120),
        outputLimit: Int = 64 << 20
    ) async throws(PlatformError) -> ProgramOutput {
        guard let path = program.contains("/") ? program : executable(named: program) else {
            throw PlatformError(.run, program, "programmet finns inte (inte på PATH)")
        }
        var options = PlatformOptions()
        options.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: .seconds(2))]
        let finalOptions = options
        do {
            return try await withThrowingTaskGroup(of: ProgramOutput?.self) { group in
                group.addTask {
                    let result = try await Subprocess.run(
                        .path(FilePath(path)), arguments: Arguments(arguments), platformOptions: finalOptions,
                        input: .none, output: .bytes(limit: outputLimit), error: .bytes(limit: outputLimit))
                    let status: Int32? =
                        switch result.terminationStatus {
                        case .exited(let code): code
                        default: nil
                        }
                    return ProgramOutput(
                        status: status, standardOutput: result.standardOutput,
                        standardError: result.standardError)
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return nil
                }
                let first = try await group.next() ?? nil
                group.cancelAll()
                guard let first else {
                    throw PlatformError(.run, path, "avbröts efter \(timeout.components.seconds) sekunder")
                }
                return first
            }
        } catch let error as PlatformError {
            throw error
        } catch {
            throw PlatformError(.run, path, "programmet kunde inte startas (\(error))")
        }
    }
}
