import Foundation

/// Windows-1252 ("CP1252" in libharu, close to PDF's WinAnsiEncoding), the
/// 8-bit encoding the embedded fonts are used with. It covers Swedish
/// (å ä ö Å Ä Ö é) and the typographic marks the binder needs (– × · “ ” …).
public enum WinAnsiEncoding {
    /// The byte written for a character that the encoding lacks.
    public static let replacement: UInt8 = 0x3F  // "?"

    /// The bytes 0x80...0x9F, which differ from Latin-1; nil where CP1252 has no character.
    private static let upperControlRange: [UInt32?] = [
        0x20AC, nil, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, nil, 0x017D, nil,
        nil, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, nil, 0x017E, 0x0178,
    ]

    private static let fromUnicode: [UInt32: UInt8] = {
        var table: [UInt32: UInt8] = [:]
        for (offset, scalar) in upperControlRange.enumerated() {
            if let scalar { table[scalar] = UInt8(0x80 + offset) }
        }
        return table
    }()

    /// The CP1252 byte for `scalar`, or nil if there is none. Control
    /// characters have none: they cannot be shown.
    public static func byte(for scalar: Unicode.Scalar) -> UInt8? {
        let v = scalar.value
        switch v {
        case 0x20...0x7E, 0xA0...0xFF: return UInt8(v)
        default: return fromUnicode[v]
        }
    }

    /// `text` in CP1252, canonically composed first (so that "e" + U+0301
    /// becomes "é"); every character outside the encoding becomes "?".
    /// The result never contains a NUL byte.
    public static func encode(_ text: String) -> [UInt8] {
        let composed = text.precomposedStringWithCanonicalMapping
        var bytes: [UInt8] = []
        bytes.reserveCapacity(composed.unicodeScalars.count)
        for scalar in composed.unicodeScalars {
            bytes.append(byte(for: scalar) ?? replacement)
        }
        return bytes
    }

    /// Whether every character of `text` can be printed as it is.
    public static func canEncode(_ text: String) -> Bool {
        text.precomposedStringWithCanonicalMapping.unicodeScalars.allSatisfy { byte(for: $0) != nil }
    }

    /// `text` encoded as a NUL-terminated C string, to pass to libharu.
    static func cString(_ text: String) -> [CChar] {
        var chars = encode(text).map { CChar(bitPattern: $0) }
        chars.append(0)
        return chars
    }
}
