import Foundation
import Ingest
import Platform

/// On a terminal, ingest keeps one status line at the bottom (pages done,
/// pages per minute, time left, fields to review so far) with the lines per
/// page scrolling above it; in a pipe or a log only the lines per page.
final class IngestStatusLine: @unchecked Sendable {
    private let lock = NSLock()
    private var status = ""

    /// Whether standard error is a terminal that can redraw a line.
    static var isWanted: Bool {
        isatty(STDERR_FILENO) == 1 && (ProcessInfo.processInfo.environment["TERM"] ?? "dumb") != "dumb"
    }

    /// A line above the status line.
    func line(_ text: String) {
        lock.withLock {
            write("\r\u{1b}[K" + TerminalText.safe(text, keepingLayout: true) + "\n" + status)
        }
    }

    func update(_ p: IngestProgress) {
        var parts = [
            "\(p.pagesDone) \(p.pagesDone == 1 ? "sida" : "sidor") klara (fil \(p.filesDone) av \(p.filesTotal))"
        ]
        if let rate = p.pagesPerMinute { parts.append("\(Int(rate.rounded())) sidor/min") }
        if let left = p.secondsLeft { parts.append("cirka \(Self.duration(left)) kvar") }
        parts.append("\(p.fieldsToReview) fält att granska")
        // One screen line: what does not fit the terminal's width is left out.
        var size = winsize()
        let columns = ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 10 ? Int(size.ws_col) : 80
        lock.withLock {
            status = String(("Läser in: " + parts.joined(separator: " · ")).prefix(columns - 1))
            write("\r\u{1b}[K" + status)
        }
    }

    /// Removes the status line before the summary.
    func finish() {
        lock.withLock {
            status = ""
            write("\r\u{1b}[K")
        }
    }

    static func duration(_ seconds: Double) -> String {
        seconds < 90 ? "\(max(1, Int(seconds.rounded()))) s" : "\(Int((seconds / 60).rounded())) min"
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
