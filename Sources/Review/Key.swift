import Platform

/// One key press, decoded from the terminal's bytes.
public enum Key: Equatable, Sendable {
    case char(Character)
    case enter, tab, backTab, backspace, escape
    case up, down, pageUp, pageDown
    case function(Int)
    /// Ctrl and a letter, e.g. `.control("o")`.
    case control(Character)
    /// A whole typed line (the `--plain` mode): replaces the input and submits it.
    case submit(String)
}

/// Turns terminal input bytes into keys. Escape sequences split across two
/// reads are kept until the rest arrives; a lone ESC is the Escape key once
/// `flush` is called after a short pause.
public struct KeyDecoder {
    private var pending: [UInt8] = []

    public init() {}

    public var hasPending: Bool { !pending.isEmpty }

    public mutating func feed(_ bytes: [UInt8]) -> [Key] {
        pending += bytes
        var keys: [Key] = []
        while !pending.isEmpty {
            guard let (key, used) = Self.decode(pending) else { break }
            pending.removeFirst(used)
            if let key { keys.append(key) }
        }
        return keys
    }

    /// After a pause: what is still pending is a lone Escape (or garbage).
    public mutating func flush() -> [Key] {
        defer { pending = [] }
        return pending.first == 0x1b ? [.escape] : []
    }

    /// The key at the start of `bytes` and how many bytes it used; nil when incomplete.
    static func decode(_ bytes: [UInt8]) -> (Key?, Int)? {
        guard let first = bytes.first else { return nil }
        switch first {
        case 0x0d, 0x0a: return (.enter, 1)
        case 0x09: return (.tab, 1)
        case 0x7f, 0x08: return (.backspace, 1)
        case 0x1b: return escapeSequence(bytes)
        case 0x01...0x1a: return (.control(Character(UnicodeScalar(first + 0x60))), 1)
        case 0x00, 0x1c...0x1f: return (nil, 1)
        default: return utf8(bytes)
        }
    }

    static func escapeSequence(_ bytes: [UInt8]) -> (Key?, Int)? {
        guard bytes.count >= 2 else { return nil }
        let introducer = bytes[1]
        if introducer == UInt8(ascii: "O") {
            guard bytes.count >= 3 else { return nil }
            let map: [UInt8: Key] = [
                0x50: .function(1), 0x51: .function(2), 0x52: .function(3), 0x53: .function(4),
                0x41: .up, 0x42: .down,
            ]
            return (map[bytes[2]], 3)
        }
        // A string the terminal sends (an answer to a query that came late): swallowed to its end.
        if [UInt8(ascii: "_"), UInt8(ascii: "P"), UInt8(ascii: "]"), UInt8(ascii: "^"), UInt8(ascii: "X")].contains(
            introducer)
        {
            var index = 2
            while index < bytes.count {
                if bytes[index] == 0x07 { return (nil, index + 1) }
                if bytes[index] == 0x1b, index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\\") {
                    return (nil, index + 2)
                }
                index += 1
            }
            return bytes.count > 4096 ? (nil, bytes.count) : nil
        }
        guard introducer == UInt8(ascii: "[") else { return (.escape, 1) }
        // CSI: parameters then a final byte in 0x40...0x7e.
        var index = 2
        while index < bytes.count, !(0x40...0x7e).contains(bytes[index]) { index += 1 }
        guard index < bytes.count else { return bytes.count > 16 ? (nil, bytes.count) : nil }
        let parameters = String(decoding: bytes[2..<index], as: UTF8.self)
        let final = bytes[index]
        let used = index + 1
        switch final {
        case UInt8(ascii: "A"): return (.up, used)
        case UInt8(ascii: "B"): return (.down, used)
        case UInt8(ascii: "Z"): return (.backTab, used)
        case UInt8(ascii: "P"): return (.function(1), used)
        case UInt8(ascii: "Q"): return (.function(2), used)
        case UInt8(ascii: "R"): return (.function(3), used)
        case UInt8(ascii: "S"): return (.function(4), used)
        case UInt8(ascii: "~"):
            let code = Int(parameters.split(separator: ";").first ?? "") ?? 0
            let map: [Int: Key] = [
                5: .pageUp, 6: .pageDown, 11: .function(1), 12: .function(2), 13: .function(3),
                14: .function(4), 15: .function(5), 17: .function(6), 18: .function(7),
                19: .function(8), 20: .function(9), 21: .function(10),
            ]
            return (map[code], used)
        default: return (nil, used)
        }
    }

    static func utf8(_ bytes: [UInt8]) -> (Key?, Int)? {
        let first = bytes[0]
        let length = first < 0x80 ? 1 : first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : first >= 0xc0 ? 2 : 1
        guard bytes.count >= length else { return nil }
        let text = String(decoding: bytes[0..<length], as: UTF8.self)
        // A control character that reaches here (C1, a bidirectional override) is not typed text.
        guard let character = text.first, let scalar = text.unicodeScalars.first, scalar != "\u{FFFD}",
            TerminalText.safe(text) == text
        else { return (nil, length) }
        return (.char(character), length)
    }
}
