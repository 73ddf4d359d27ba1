import Foundation
import Testing

extension Tag {
    /// Runs the built `avbrott` binary (and often tmux, ImageMagick or the
    /// whole ingest pipeline): minutes, not seconds. `scripts/test-fast.sh`
    /// skips these suites.
    @Tag public static var endToEnd: Self
}

/// Which tests this run includes.
public enum TestRun {
    /// False when `AVBROTT_FAST_TESTS=1` asks for the fast set only.
    public static var includesEndToEnd: Bool {
        ProcessInfo.processInfo.environment["AVBROTT_FAST_TESTS"] != "1"
    }
}
