import ArgumentParser
import Foundation

/// The command line's own texts in Swedish. swift-argument-parser writes its
/// help headings, usage line and parsing errors in English; the help texts
/// and validation messages of our commands are Swedish already, so what is
/// left is translated here, in one place, phrase by phrase. Anything not
/// recognised passes unchanged (it is then ours, and Swedish).
enum SwedishCommandLine {
    /// Whole phrases, in the order they are tried.
    static let phrases: [(String, String)] = [
        ("OVERVIEW:", "ÖVERSIKT:"),
        ("USAGE:", "ANVÄNDNING:"),
        ("ARGUMENTS:", "ARGUMENT:"),
        ("OPTIONS:", "FLAGGOR:"),
        ("SUBCOMMANDS:", "UNDERKOMMANDON:"),
        ("Show help information.", "Visa hjälpen."),
        ("Show subcommand help information.", "Visa hjälpen för ett underkommando."),
        ("Usage: ", "Användning: "),
        ("Help:  ", "Hjälp: "),
        (" (default: ", " (standard: "),
        ("<subcommand>", "<underkommando>"),
    ]

    /// Sentences with a part that varies, as regular expressions and their Swedish.
    static let patterns: [(String, String)] = [
        (#"See '(.+) --help' for more information\."#, "Se '$1 --help' för mer hjälp."),
        (#"See '(.+) help (.+)' for detailed help\."#, "Se '$1 help $2' för utförlig hjälp."),
        (#"Missing expected argument '(.+?)'"#, "Argumentet $1 saknas"),
        (#"Missing value for '(.+?)'"#, "Ett värde saknas för $1"),
        (#"Unknown option '(.+?)'"#, "Okänd flagga $1"),
        (#"Unexpected arguments? (.+)"#, "Oväntat argument: $1"),
        (
            #"The value '(.*?)' is invalid for '(.+?)'\. Please provide one of (.+)\."#,
            "Värdet '$1' går inte för $2. Välj ett av: $3."
        ),
        (#"The value '(.*?)' is invalid for '(.+?)'"#, "Värdet '$1' går inte för $2"),
        (#"Unknown subcommand '(.+?)'"#, "Okänt underkommando $1"),
        (#"Flag '(.+?)' cannot be repeated"#, "Flaggan $1 får bara anges en gång"),
        (#"'(.+?)' and '(.+?)'"#, "'$1' och '$2'"),
    ]

    static func translate(_ text: String) -> String {
        var out = text
        for (english, swedish) in phrases { out = out.replacingOccurrences(of: english, with: swedish) }
        for (pattern, template) in patterns {
            guard let regex = try? NSRegularExpression(pattern: pattern) else { continue }
            out = regex.stringByReplacingMatches(
                in: out, range: NSRange(out.startIndex..., in: out), withTemplate: template)
        }
        return out
    }

    /// The parser's message for `error` in Swedish: help on standard output,
    /// an error as "avbrott: fel: …" with the usage on standard error.
    static func report(_ error: any Error, of command: any ParsableCommand.Type) -> (text: String, isError: Bool) {
        let text = translate(command.fullMessage(for: error))
        guard command.exitCode(for: error) != .success else { return (text, false) }
        let errorPrefix = "Error: "
        return (text.hasPrefix(errorPrefix) ? "avbrott: fel: " + text.dropFirst(errorPrefix.count) : text, true)
    }
}
