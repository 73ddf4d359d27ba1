import Testing

@testable import Review

@Suite struct KeyDecoderTests {
    @Test func decodesKeysAndEscapeSequences() {
        var decoder = KeyDecoder()
        let keys = decoder.feed(Array("a\r\t".utf8) + [0x1b, 0x5b, 0x5a] + [0x1b, 0x4f, 0x51] + Array("å".utf8))
        #expect(keys == [.char("a"), .enter, .tab, .backTab, .function(2), .char("å")])
    }

    @Test func keepsASplitSequenceAndFlushesALoneEscape() {
        var decoder = KeyDecoder()
        #expect(decoder.feed([0x1b, 0x5b, 0x31]) == [])
        #expect(decoder.feed(Array("3~".utf8)) == [.function(3)])
        #expect(decoder.feed([0x1b]) == [])
        #expect(decoder.flush() == [.escape])
    }
}
