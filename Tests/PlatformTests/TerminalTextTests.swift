import Platform
import Testing

/// The one sanitiser everything printed passes through.
@Suite("TerminalText")
struct TerminalTextTests {
    @Test(arguments: [
        ("\u{1B}[2J\u{1B}[31mRÖD", "\\x1b[2J\\x1b[31mRÖD"),
        ("titel\u{1B}]0;pwned\u{07}", "titel\\x1b]0;pwned\\x07"),
        ("C1 \u{9B}31m", "C1 \\x9b31m"),
        ("DEL\u{7F}", "DEL\\x7f"),
        ("fil\u{202E}gnp.exe", "fil\\u{202e}gnp.exe"),
        ("rad\nrad\tkolumn", "rad\\x0arad\\x09kolumn"),
        ("Åsa Öberg, 19450101-1235", "Åsa Öberg, 19450101-1235"),
    ])
    func controlsAreShownAsEscapes(_ input: String, _ shown: String) {
        #expect(TerminalText.safe(input) == shown)
        #expect(
            !TerminalText.safe(input).unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }

    @Test func ourOwnLayoutKeepsItsNewlinesAndTabs() {
        #expect(TerminalText.safe("a\tb\nc\u{1B}", keepingLayout: true) == "a\tb\nc\\x1b")
    }

    @Test func fileNamesThatAreNotUTF8AreShownByteByByte() {
        #expect(TerminalText.fileName(Array("namn".utf8) + [0xFF, 0xFE] + Array(".png".utf8)) == "namn\\xff\\xfe.png")
        // A valid multi-byte character beside a broken one stays readable.
        #expect(TerminalText.fileName([0xC3, 0xA5, 0xC3]) == "å\\xc3")
        #expect(TerminalText.fileName(Array("ok\u{1B}.png".utf8)) == "ok\\x1b.png")
    }
}
