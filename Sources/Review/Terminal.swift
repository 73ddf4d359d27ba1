import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Signals seen since the loop last looked. The handlers only set these
/// flags (async-signal-safe); the loop notices them after `poll` returns.
enum TerminalSignals {
    nonisolated(unsafe) static var resized: sig_atomic_t = 0
    nonisolated(unsafe) static var stop: sig_atomic_t = 0

    static func install() {
        signal(SIGWINCH) { _ in TerminalSignals.resized = 1 }
        signal(SIGINT) { _ in TerminalSignals.stop = 1 }
        signal(SIGTERM) { _ in TerminalSignals.stop = 1 }
        signal(SIGHUP) { _ in TerminalSignals.stop = 1 }
    }

    static func uninstall() {
        for s in [SIGWINCH, SIGINT, SIGTERM, SIGHUP] { signal(s, SIG_DFL) }
    }
}

public enum TerminalError: Error, CustomStringConvertible {
    case notATerminal
    case dumb
    case cannotSetMode(Int32)

    public var description: String {
        switch self {
        case .notATerminal:
            return "avbrott review behöver en terminal (in- och utdata får inte vara omdirigerade). "
                + "Använd --plain för rad-för-rad-läget, som fungerar med skärmläsare och rör."
        case .dumb:
            return "Terminalen (TERM=dumb) kan inte visa granskningsskärmen. Använd --plain för rad-för-rad-läget."
        case .cannotSetMode(let code):
            return "Kan inte ställa terminalen i tangentläge (fel \(code))."
        }
    }
}

/// The terminal in raw mode on the alternate screen. `restore()` puts it back
/// as it was; it runs from `deinit` too, so every way out restores it.
public final class Terminal {
    private var original = termios()
    private var restored = false

    /// Checks that stdin and stdout are a usable terminal.
    public static func check(environment: [String: String]) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal }
        let term = environment["TERM"] ?? ""
        if term.isEmpty || term == "dumb" { throw TerminalError.dumb }
    }

    public init() throws {
        guard tcgetattr(STDIN_FILENO, &original) == 0 else { throw TerminalError.cannotSetMode(errno) }
        var raw = original
        raw.c_iflag &= ~tcflag_t(ICRNL | IXON | BRKINT | INPCK | ISTRIP)
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | ISIG | IEXTEN)
        raw.c_cflag |= tcflag_t(CS8)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 0
            cc[Int(VTIME)] = 0
        }
        TerminalSignals.stop = 0
        TerminalSignals.resized = 0
        TerminalSignals.install()
        guard tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) == 0 else {
            TerminalSignals.uninstall()
            throw TerminalError.cannotSetMode(errno)
        }
        write("\u{1b}[?1049h\u{1b}[?25l\u{1b}[2J")
    }

    deinit { restore() }

    public func restore() {
        guard !restored else { return }
        restored = true
        write("\u{1b}[0m\u{1b}[?25h\u{1b}[?1049l")
        _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
        TerminalSignals.uninstall()
    }

    /// Asks the terminal what it shows (`TerminalCapabilities.query`) and
    /// waits for the answer to the last question, at most `timeout` ms; a
    /// terminal that answers nothing shows text.
    public func capabilities(environment: [String: String], timeout: Int = 400) -> TerminalCapabilities {
        write(TerminalCapabilities.query)
        var answer: [UInt8] = []
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeout) * 1_000_000
        while !TerminalCapabilities.isComplete(answer) {
            let now = DispatchTime.now().uptimeNanoseconds
            guard now < deadline else { break }
            answer += read(timeout: Int32((deadline - now) / 1_000_000) + 1)
        }
        var found = TerminalCapabilities.from(answer: answer, environment: environment)
        if TerminalCapabilities.cellSize(answer) == nil, let pixels = cellPixels() { found.cell = pixels }
        return found
    }

    /// The cell size from the window's size in pixels, where the terminal reports it.
    func cellPixels() -> (width: Int, height: Int)? {
        var ws = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0, ws.ws_row > 0, ws.ws_xpixel > 0,
            ws.ws_ypixel > 0
        else { return nil }
        return (Int(ws.ws_xpixel) / Int(ws.ws_col), Int(ws.ws_ypixel) / Int(ws.ws_row))
    }

    /// Columns and rows (80 × 24 when the size is unknown).
    public func size() -> (width: Int, height: Int) {
        var ws = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0, ws.ws_row > 0 else { return (80, 24) }
        return (Int(ws.ws_col), Int(ws.ws_row))
    }

    /// Writes all of `text`; a terminal that went away is ignored.
    public func write(_ text: String) {
        var bytes = Array(text.utf8)
        let total = bytes.count
        var offset = 0
        while offset < total {
            let n = bytes.withUnsafeMutableBytes { buffer in
                posixWrite(buffer.baseAddress.map { $0 + offset }, total - offset)
            }
            if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { return }
        }
    }

    /// Bytes typed within `timeout` milliseconds (empty when none, or when a signal arrived).
    public func read(timeout: Int32) -> [UInt8] {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, timeout) > 0 else { return [] }
        if descriptor.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 && descriptor.revents & Int16(POLLIN) == 0 {
            TerminalSignals.stop = 1
            return []
        }
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = buffer.withUnsafeMutableBytes { posixRead($0.baseAddress, 256) }
        if n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN) { TerminalSignals.stop = 1 }
        return n > 0 ? Array(buffer[0..<n]) : []
    }
}

private func posixWrite(_ pointer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    write(STDOUT_FILENO, pointer, count)
}
private func posixRead(_ pointer: UnsafeMutableRawPointer?, _ count: Int) -> Int { read(STDIN_FILENO, pointer, count) }
