import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A detached tmux session on a private server, for driving a full-screen
/// program the way a person would: keys in, the visible screen out.
public final class TmuxSession {
    public let socket: String
    public let name = "review"

    /// Starts `command` (run by `sh -c`) in a `width` × `height` window.
    public init(command: String, width: Int = 200, height: Int = 60) throws {
        socket = "avbrott-test-\(UUID().uuidString.prefix(8))"
        // Not through Foundation's Process: the tmux server it forks would keep the
        // descriptor Process watches for the child's end, and the wait would never return.
        let status = try spawnAndWait([
            "tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", name,
            "-x", "\(width)", "-y", "\(height)", "sh", "-c", command,
        ])
        guard status == 0 else { throw ToolError(description: "tmux new-session exited with \(status)") }
    }

    deinit { kill() }

    /// tmux key names ("Enter", "Tab", "BTab", "Escape", "F2") or literal text with `literal`.
    public func send(_ keys: String..., literal: Bool = false) throws {
        try runToolChecked("tmux", ["-L", socket, "send-keys", "-t", name] + (literal ? ["-l"] : []) + keys)
    }

    public func type(_ text: String) throws {
        try runToolChecked("tmux", ["-L", socket, "send-keys", "-t", name, "-l", text])
    }

    /// The visible screen as text; with `escapes`, with the escape sequences of its colours and attributes.
    public func screen(escapes: Bool = false) -> String {
        (try? runToolChecked("tmux", ["-L", socket, "capture-pane", "-p"] + (escapes ? ["-e"] : []) + ["-t", name]))
            ?? ""
    }

    /// Copies every byte the program writes from now on into `file` (before tmux interprets
    /// it: images and escape sequences as the program sent them).
    public func recordOutput(to file: String) throws {
        try runToolChecked("tmux", ["-L", socket, "pipe-pane", "-O", "-t", name, "cat > '\(file)'"])
    }

    /// Waits until the screen satisfies `condition`; returns the last screen seen.
    @discardableResult
    public func wait(timeout: Double = 20, until condition: (String) -> Bool) -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = screen()
        while !condition(last) && Date() < deadline {
            usleep(100_000)
            last = screen()
        }
        return last
    }

    @discardableResult
    public func wait(for text: String, timeout: Double = 20) -> String { wait(timeout: timeout) { $0.contains(text) } }

    /// Ends the session and the private server. `kill-server` alone has been
    /// seen to leave the server and its pane running, so both are also sent
    /// SIGTERM by their process ids (never a group: only ids above 1).
    public func kill() {
        let ids =
            (try? runToolChecked("tmux", ["-L", socket, "display-message", "-p", "-t", name, "#{pid} #{pane_pid}"]))?
            .split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { pid_t($0) } ?? []
        _ = try? runTool("tmux", ["-L", socket, "kill-server"])
        for id in ids.reversed() where id > 1 { _ = Glibc.kill(id, SIGTERM) }
    }
}

/// Runs the built `avbrott` with `input` on its standard input (a pipe).
public func runAvbrott(_ arguments: [String], input: String, environment: [String: String]? = nil) throws -> ToolOutput
{
    let process = Process()
    process.executableURL = RepositoryPaths.executable
    process.arguments = arguments
    if let environment { process.environment = environment }
    let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    let out = stdout.fileHandleForReading.readDataToEndOfFile()
    let err = stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ToolOutput(status: process.terminationStatus, stdout: out, stderr: err)
}

/// Runs a program found on PATH with its standard streams on /dev/null, without
/// Foundation, and returns its exit status.
func spawnAndWait(_ arguments: [String]) throws -> Int32 {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    for descriptor: Int32 in [0, 1, 2] {
        posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY, 0)
    }
    // The tmux server lives on after this call: it must not inherit any other
    // descriptor of the test process (such as the pipes Foundation's Process
    // uses to see other tools end, which would then never be seen to end).
    // (glibc ≥ 2.34 has posix_spawn_file_actions_addclosefrom_np; Swift's Glibc
    // module does not export it, so it is looked up.)
    typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else {
        throw ToolError(description: "posix_spawn_file_actions_addclosefrom_np is missing (glibc ≥ 2.34 needed)")
    }
    guard unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3) == 0 else {
        throw ToolError(description: "posix_spawn_file_actions_addclosefrom_np failed")
    }
    var cArguments: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for pointer in cArguments { free(pointer) } }
    var pid = pid_t()
    let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, &cArguments, environ)
    guard spawned == 0 else { throw ToolError(description: "cannot start \(arguments[0]): \(spawned)") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    return (status >> 8) & 0xff
}
