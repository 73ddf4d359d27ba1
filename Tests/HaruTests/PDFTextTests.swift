import Foundation
import TestSupport
import Testing

@testable import Haru

@Suite("PDF text")
struct PDFTextTests {
    @Test("Swedish letters and typographic marks come out of pdftotext unchanged")
    func swedishText() throws {
        let folder = try TemporaryDirectory()
        let document = try PDFDocument()
        let fonts = try loadFonts(document)
        let page = try document.addPage(widthMM: 210, heightMM: 297)
        let lines = [
            (fonts.regular, "Handläggare: Åsa Öberg – Räkmacka"),
            (fonts.bold, "ÅÄÖ åäö é × · “citat” … €"),
            (fonts.mono, "19121212–1212 · 3 × 4"),
            (fonts.regular, "Anteckning (valfri): C:\\Temp\\fil, 100 % [klart]"),
        ]
        try page.text { t in
            for (index, (font, text)) in lines.enumerated() {
                try t.font(font, size: 11)
                try t.show(text, at: 20, baselineY: 30 + Double(index) * 10)
            }
        }
        let path = try writePDF(document, in: folder)
        let text = try runToolChecked("pdftotext", ["-layout", path, "-"])
        for (_, line) in lines {
            #expect(text.contains(line), "missing \(line) in \(text)")
        }
    }

    @Test("decomposed accents are composed, and characters outside CP1252 print as ?")
    func replacement() throws {
        #expect(WinAnsiEncoding.encode("e\u{301}") == [0xE9])
        #expect(WinAnsiEncoding.encode("å–€") == [0xE5, 0x96, 0x80])
        #expect(WinAnsiEncoding.encode("ő→😀\tx") == [0x3F, 0x3F, 0x3F, 0x3F, 0x78])
        #expect(WinAnsiEncoding.canEncode("Åsa Öberg – 3 × 4"))
        #expect(!WinAnsiEncoding.canEncode("Łódź"))

        let folder = try TemporaryDirectory()
        let document = try PDFDocument()
        let fonts = try loadFonts(document)
        let page = try document.addPage(widthMM: 210, heightMM: 297)
        try page.text { t in
            try t.font(fonts.regular, size: 12)
            try t.show("Łódź → Café\u{301}", at: 20, baselineY: 30)
        }
        let text = try runToolChecked("pdftotext", [try writePDF(document, in: folder), "-"])
        #expect(text.contains("?ód? ? Café"), "got \(text)")
    }

    @Test("all three DejaVu fonts are embedded, each once")
    func fontsEmbedded() throws {
        let folder = try TemporaryDirectory()
        let document = try PDFDocument()
        let fonts = try loadFonts(document)
        // Loading again returns the same fonts instead of embedding a second copy.
        let again = try FontSet.load(into: document)
        #expect(again.regular == fonts.regular && again.bold == fonts.bold && again.mono == fonts.mono)
        for index in 0..<3 {
            let page = try document.addPage(widthMM: 210, heightMM: 297)
            try page.text { t in
                for (font, y) in [(fonts.regular, 20.0), (fonts.bold, 30.0), (fonts.mono, 40.0)] {
                    try t.font(font, size: 10)
                    try t.show("Sida \(index + 1) åäö", at: 20, baselineY: y)
                }
            }
        }
        let listing = try runToolChecked("pdffonts", [try writePDF(document, in: folder)])
        let rows = listing.split(separator: "\n").dropFirst(2)
        #expect(rows.count == 3, "\(listing)")
        for name in ["DejaVuSans,Book", "DejaVuSans-Bold", "DejaVuSansMono"] {
            let row = rows.first { $0.contains(name) }
            #expect(row != nil, "\(name) missing in \(listing)")
            let columns = row?.split(separator: " ", omittingEmptySubsequences: true) ?? []
            // name type encoding emb sub uni object-id generation: "emb" is the 4th from the end.
            #expect(columns.count >= 7 && columns[columns.count - 5] == "yes", "not embedded: \(row ?? "")")
        }
    }

    @Test("measured widths match the text placed by pdftotext, and alignment uses them")
    func widthsAndAlignment() throws {
        let folder = try TemporaryDirectory()
        let document = try PDFDocument()
        let fonts = try loadFonts(document)
        let size = 12.0
        // DejaVu Sans "M" advances 1767/2048 em.
        let m = fonts.regular.width(of: "M", size: size)
        #expect(abs(m - 0.863 * size * 25.4 / 72) < 0.01)
        #expect(fonts.regular.width(of: "", size: size) == 0)
        #expect(fonts.mono.width(of: "iiii", size: size) == fonts.mono.width(of: "MMMM", size: size))
        #expect(fonts.bold.width(of: "Åsa", size: size) > fonts.regular.width(of: "Åsa", size: size))

        let page = try document.addPage(widthMM: 210, heightMM: 297)
        try page.text { t in
            try t.font(fonts.regular, size: size)
            try t.show("Vänster", at: 100, baselineY: 30, alignment: .left)
            try t.show("Mitten", at: 100, baselineY: 50, alignment: .center)
            try t.show("Höger", at: 100, baselineY: 70, alignment: .right)
        }
        let path = try writePDF(document, in: folder)
        let html = try runToolChecked("pdftotext", ["-bbox", path, "-"])
        func box(_ word: String) -> (xMin: Double, xMax: Double)? {
            guard let line = html.split(separator: "\n").first(where: { $0.hasSuffix(">\(word)</word>") }) else {
                return nil
            }
            func attribute(_ name: String) -> Double? {
                guard let range = line.range(of: "\(name)=\"") else { return nil }
                return Double(line[range.upperBound...].prefix { $0 != "\"" })
            }
            guard let lo = attribute("xMin"), let hi = attribute("xMax") else { return nil }
            return (lo * 25.4 / 72, hi * 25.4 / 72)
        }
        let left = try #require(box("Vänster"))
        let centre = try #require(box("Mitten"))
        let right = try #require(box("Höger"))
        #expect(abs(left.xMin - 100) < 0.1)
        #expect(abs((left.xMax - left.xMin) - fonts.regular.width(of: "Vänster", size: size)) < 0.1)
        #expect(abs((centre.xMin + centre.xMax) / 2 - 100) < 0.1)
        #expect(abs(right.xMax - 100) < 0.1)
    }
}

@Suite("Words are cut only where they may be")
struct WordBreakTests {
    @Test func anEmailAddressIsCutAfterADotOrAtAndAPhoneNumberNever() throws {
        let document = try PDFDocument()
        let font = try loadFonts(document).regular
        let email = "informationssakerhetssamordnaren.stadsdelsforvaltningen@exempelby.invalid"
        let lines = font.lines(of: email, width: 40, size: 8)
        #expect(lines.count > 1 && lines.joined() == email)
        for line in lines.dropLast() { #expect(line.hasSuffix(".") || line.hasSuffix("@"), "\(lines)") }
        #expect(font.lines(of: "08-555010010", width: 5, size: 8) == ["08-555010010"])
        // A long compound is kept whole at a smaller size when two points less is enough.
        let word = "Informationssäkerhetssamordnare"
        let size = font.sizeKeepingWords(
            of: word, width: font.width(of: word, size: 7.5) + 0.01, size: 8.5, smallest: 6.5)
        #expect(size == 7.5)
        #expect(font.lines(of: word, width: font.width(of: word, size: size) + 0.01, size: size) == [word])
    }
}
