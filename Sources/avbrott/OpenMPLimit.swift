import Foundation

/// Debian's Tesseract is built with OpenMP and asks for several threads in
/// its LSTM layers. On small field crops those threads cost far more in
/// wake-ups than they save (measured: over half of ingest's CPU time), and
/// avbrott already reads pages in parallel. OpenMP reads its limits only from
/// the environment when the process starts, so the process starts itself
/// once more with them set.
enum OpenMPLimit {
    static let variables = ["OMP_THREAD_LIMIT": "1", "OMP_WAIT_POLICY": "PASSIVE"]

    /// Re-executes the program with the limits unless they are already set.
    /// Returns only when no restart is needed or possible.
    static func apply() {
        let environment = ProcessInfo.processInfo.environment
        guard environment["OMP_THREAD_LIMIT"] == nil else { return }
        for (name, value) in variables { setenv(name, value, 1) }
        // The arguments exactly as given (a file name need not be UTF-8).
        // On success execv does not return; on failure we simply carry on.
        _ = execv("/proc/self/exe", CommandLine.unsafeArgv)
    }
}
