import Foundation

/// PDFDocEncoding, the 8-bit encoding of text strings outside page content
/// (the document information dictionary). libharu writes the bytes of
/// `HPDF_SetInfoAttr` as they are, and readers decode them with this table,
/// which agrees with Latin-1 from 0xA1 but differs from CP1252 below it.
enum PDFDocEncoding {
    private static let fromUnicode: [UInt32: UInt8] = [
        0x2022: 0x80, 0x2020: 0x81, 0x2021: 0x82, 0x2026: 0x83, 0x2014: 0x84, 0x2013: 0x85,
        0x0192: 0x86, 0x2044: 0x87, 0x2039: 0x88, 0x203A: 0x89, 0x2212: 0x8A, 0x2030: 0x8B,
        0x201E: 0x8C, 0x201C: 0x8D, 0x201D: 0x8E, 0x2018: 0x8F, 0x2019: 0x90, 0x201A: 0x91,
        0x2122: 0x92, 0xFB01: 0x93, 0xFB02: 0x94, 0x0141: 0x95, 0x0152: 0x96, 0x0160: 0x97,
        0x0178: 0x98, 0x017D: 0x99, 0x0131: 0x9A, 0x0142: 0x9B, 0x0153: 0x9C, 0x0161: 0x9D,
        0x017E: 0x9E, 0x20AC: 0xA0,
    ]

    /// `text` as a NUL-terminated PDFDocEncoding C string; "?" for characters it lacks.
    static func cString(_ text: String) -> [CChar] {
        var chars: [CChar] = []
        for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            let v = scalar.value
            let byte: UInt8
            switch v {
            case 0x20...0x7E, 0xA1...0xAC, 0xAE...0xFF: byte = UInt8(v)
            default: byte = fromUnicode[v] ?? WinAnsiEncoding.replacement
            }
            chars.append(CChar(bitPattern: byte))
        }
        chars.append(0)
        return chars
    }
}
