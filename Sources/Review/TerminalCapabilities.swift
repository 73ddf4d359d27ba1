/// What the terminal can show, asked of the terminal itself at start: the
/// kitty graphics protocol (a query image the terminal acknowledges), sixel
/// (attribute 4 in the primary device attributes), the size of a character
/// cell in pixels. Colour follows `COLORTERM` and `NO_COLOR`.
public struct TerminalCapabilities: Sendable, Equatable {
    public enum Graphics: String, Sendable, Equatable {
        /// Images at their real resolution through the kitty graphics protocol.
        case kitty
        /// Images at their real resolution as sixel graphics.
        case sixel
        /// Text only: images drawn with Unicode half blocks (or shades without colour).
        case text
    }

    public var graphics: Graphics
    /// nil: no colour at all (`NO_COLOR`); bold, dim and reverse stay.
    public var colour: ColourDepth?
    /// A character cell in pixels (the image's scale), when the terminal says.
    public var cell: (width: Int, height: Int)

    public init(graphics: Graphics, colour: ColourDepth?, cell: (width: Int, height: Int) = (10, 20)) {
        self.graphics = graphics
        self.colour = colour
        self.cell = cell
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.graphics == b.graphics && a.colour == b.colour && a.cell == b.cell
    }

    /// The queries, in the order the answers are expected: kitty's (ignored by
    /// terminals that do not know it), the cell size, then the primary device
    /// attributes, which every terminal answers and so ends the wait.
    public static let query =
        "\u{1b}_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\u{1b}\\" + "\u{1b}[16t" + "\u{1b}[c"

    /// Whether `answer` holds the reply to the device-attributes query (the last one asked).
    public static func isComplete(_ answer: [UInt8]) -> Bool { deviceAttributes(answer) != nil }

    /// Reads the terminal's answers. `environment` gives colour (`NO_COLOR`,
    /// `COLORTERM`) and the override `AVBROTT_BILDER=kitty|sixel|text` for a
    /// terminal that answers wrongly.
    public static func from(answer: [UInt8], environment: [String: String]) -> TerminalCapabilities {
        let colour: ColourDepth? = (environment["NO_COLOR"] ?? "").isEmpty ? ColourDepth.detect(environment) : nil
        var graphics: Graphics = .text
        if contains(answer, Array("\u{1b}_Gi=31;OK".utf8)) {
            graphics = .kitty
        } else if deviceAttributes(answer)?.contains(4) == true {
            graphics = .sixel
        }
        if let forced = environment["AVBROTT_BILDER"].flatMap(Graphics.init(rawValue:)) { graphics = forced }
        return TerminalCapabilities(graphics: graphics, colour: colour, cell: cellSize(answer) ?? (10, 20))
    }

    /// The parameters of `ESC [ ? … c`.
    static func deviceAttributes(_ answer: [UInt8]) -> [Int]? {
        guard let body = csi(answer, prefix: UInt8(ascii: "?"), final: UInt8(ascii: "c")) else { return nil }
        return body.split(separator: ";").compactMap { Int($0) }
    }

    /// `ESC [ 6 ; height ; width t`: the cell size in pixels.
    static func cellSize(_ answer: [UInt8]) -> (width: Int, height: Int)? {
        guard let body = csi(answer, prefix: UInt8(ascii: "6"), final: UInt8(ascii: "t")) else { return nil }
        let numbers = body.split(separator: ";").compactMap { Int($0) }
        guard numbers.count == 2, (4...200).contains(numbers[0]), (2...100).contains(numbers[1]) else { return nil }
        return (numbers[1], numbers[0])
    }

    /// The text between `ESC [ prefix` and `final` of the first such sequence.
    static func csi(_ answer: [UInt8], prefix: UInt8, final: UInt8) -> Substring? {
        var i = 0
        while i + 2 < answer.count {
            if answer[i] == 0x1b, answer[i + 1] == UInt8(ascii: "["), answer[i + 2] == prefix {
                var j = i + 3
                while j < answer.count, answer[j] == UInt8(ascii: ";") || (0x30...0x39).contains(answer[j]) { j += 1 }
                if j < answer.count, answer[j] == final {
                    let start = prefix == UInt8(ascii: "?") ? i + 3 : i + 4
                    return Substring(String(decoding: answer[min(start, j)..<j], as: UTF8.self))
                }
            }
            i += 1
        }
        return nil
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count)
        where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return true
        }
        return false
    }
}
