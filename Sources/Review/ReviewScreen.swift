import Foundation

/// The full-screen review: keys in, screen out, until the clerk quits or the
/// terminal goes away. Everything is saved as it happens, so leaving by a
/// signal loses nothing; the terminal is restored on every way out.
public enum ReviewScreen {
    public static func run(_ session: ReviewSession, environment: [String: String]) throws {
        try Terminal.check(environment: environment)
        let terminal = try Terminal()
        defer { terminal.restore() }
        let renderer = ScreenRenderer(capabilities: terminal.capabilities(environment: environment))
        var decoder = KeyDecoder()
        var size = terminal.size()
        var dirty = true
        while !session.finished && TerminalSignals.stop == 0 {
            if TerminalSignals.resized != 0 {
                TerminalSignals.resized = 0
                size = terminal.size()
                terminal.write("\u{1b}[2J")
                dirty = true
            }
            if dirty {
                terminal.write(renderer.frame(session, width: size.width, height: size.height))
                dirty = false
            }
            let bytes = terminal.read(timeout: decoder.hasPending ? 40 : 500)
            let keys = bytes.isEmpty ? (decoder.hasPending ? decoder.flush() : []) : decoder.feed(bytes)
            for key in keys where !session.finished {
                if key == .control("l") { terminal.write("\u{1b}[2J") }
                session.handle(key)
                dirty = true
            }
        }
        if !session.finished { session.quit() }
    }
}
