import Foundation
import Raster

/// Encodes a grey image as sixel graphics: `levels` grey registers, each band
/// of six pixel rows written colour by colour with run-length compression.
public enum Sixel {
    public static func encode(_ image: GreyImage, levels: Int = 16) -> String {
        guard !image.isEmpty else { return "" }
        let levels = max(2, min(64, levels))
        var out: [UInt8] = Array("\u{1b}P0;1;0q\"1;1;\(image.width);\(image.height)".utf8)
        for level in 0..<levels {
            let percent = level * 100 / (levels - 1)
            out += Array("#\(level);2;\(percent);\(percent);\(percent)".utf8)
        }
        // The register of each pixel.
        let registers = image.pixels.map { UInt8((Int($0) * (levels - 1) + 127) / 255) }
        // Per band, one pass fills every register's row of sixel bits.
        var bits = [UInt8](repeating: 0, count: levels * image.width)
        var used = [Bool](repeating: false, count: levels)
        var band = 0
        while band < image.height {
            let rows = min(6, image.height - band)
            for i in bits.indices { bits[i] = 0 }
            for i in used.indices { used[i] = false }
            registers.withUnsafeBufferPointer { source in
                bits.withUnsafeMutableBufferPointer { target in
                    for r in 0..<rows {
                        let row = (band + r) * image.width
                        for x in 0..<image.width {
                            let register = Int(source[row + x])
                            target[register * image.width + x] |= 1 << UInt8(r)
                            used[register] = true
                        }
                    }
                }
            }
            var first = true
            for register in 0..<levels where used[register] {
                if !first { out.append(UInt8(ascii: "$")) }
                first = false
                out += Array("#\(register)".utf8)
                appendRuns(bits[(register * image.width)..<((register + 1) * image.width)], to: &out)
            }
            out.append(UInt8(ascii: "-"))
            band += 6
        }
        out += Array("\u{1b}\\".utf8)
        return String(decoding: out, as: UTF8.self)
    }

    /// The sixel characters of one colour's row, runs of four or more as `!n c`.
    static func appendRuns(_ bits: ArraySlice<UInt8>, to out: inout [UInt8]) {
        // Nothing after the last set bit: the next colour starts from the left anyway.
        guard let last = bits.lastIndex(where: { $0 != 0 }) else { return }
        var x = bits.startIndex
        while x <= last {
            var end = x + 1
            while end <= last && bits[end] == bits[x] { end += 1 }
            let character = 63 + bits[x]
            let count = end - x
            if count >= 4 {
                out += Array("!\(count)".utf8)
                out.append(character)
            } else {
                for _ in 0..<count { out.append(character) }
            }
            x = end
        }
    }
}

/// An image sent through the kitty graphics protocol: the PNG's bytes in
/// base64, in chunks of 4096, shown at the cursor without moving it.
public enum KittyImage {
    public static func encode(png: [UInt8]) -> String {
        let data = Data(png).base64EncodedString()
        var out = ""
        var start = data.startIndex
        var first = true
        while start < data.endIndex {
            let end = data.index(start, offsetBy: 4096, limitedBy: data.endIndex) ?? data.endIndex
            let more = end < data.endIndex ? 1 : 0
            let control = first ? "a=T,f=100,t=d,C=1,q=2,m=\(more)" : "m=\(more)"
            out += "\u{1b}_G\(control);" + String(data[start..<end]) + "\u{1b}\\"
            first = false
            start = end
        }
        return out
    }

    /// Removes every image the protocol shows (before a redraw).
    public static let deleteAll = "\u{1b}_Ga=d,d=A,q=2;\u{1b}\\"
}
