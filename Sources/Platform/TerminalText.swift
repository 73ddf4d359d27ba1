/// The one function that makes text from outside (a scan, a file name, a
/// sheet code, a clerk) safe to show: every character that could steer a
/// terminal (C0 and C1 controls, DEL, escape sequences, bidirectional
/// overrides) is shown as a visible escape instead, so a file named
/// `\e[2J.png` clears no screen and a QR code cannot set a window title.
public enum TerminalText {
    /// `text` with every control character written as `\xNN` (`\u{NNNN}` above
    /// 0xFF). Newlines and tabs are kept when `keepingLayout` (text of our
    /// own laid out in lines and columns); a single value escapes them too.
    public static func safe(_ text: String, keepingLayout: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0) }) else { return text }
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if keepingLayout && (scalar == "\n" || scalar == "\t") || !isControl(scalar) {
                out.unicodeScalars.append(scalar)
            } else {
                out += escape(scalar)
            }
        }
        return out
    }

    /// A file name's bytes as text: valid UTF-8 as it is, every other byte as
    /// `\xNN`, then made `safe`. The same bytes always give the same text.
    public static func fileName(_ bytes: [UInt8]) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return safe(text) }
        var out = ""
        var index = 0
        while index < bytes.count {
            let length = sequenceLength(bytes, at: index)
            if length > 0, let text = String(validating: bytes[index..<(index + length)], as: UTF8.self) {
                out += text
                index += length
            } else {
                out += "\\x" + hex(bytes[index])
                index += 1
            }
        }
        return safe(out)
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        // Bidirectional embeddings, overrides and isolates: they reorder what follows.
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
        default: return false
        }
    }

    static func escape(_ scalar: Unicode.Scalar) -> String {
        scalar.value <= 0xFF ? "\\x" + hex(UInt8(scalar.value)) : "\\u{" + String(scalar.value, radix: 16) + "}"
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
    }

    /// The length of the UTF-8 sequence a lead byte announces (0 for a byte that cannot lead one).
    static func sequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let lead = bytes[index]
        let length = lead < 0x80 ? 1 : lead >= 0xF0 && lead < 0xF8 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0
        return index + length <= bytes.count ? length : 0
    }
}
