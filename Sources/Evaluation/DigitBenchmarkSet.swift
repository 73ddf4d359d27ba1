import Assessment
import FormKit
import Foundation
import Raster
import Recognition

/// A labelled set of box crops exported by Training/digits/evaluate.py --export.
///
/// Layout (little-endian): "AVBX", UInt32 version (1), UInt32 count, then per
/// box: UInt8 label (0–9, or 255 for a blank box), UInt8 dpi ÷ 10, UInt16
/// width, UInt16 height, width × height pixels (0 = black, 255 = white).
public struct DigitBenchmarkSet: Sendable {
    public struct Box: Sendable {
        /// The written digit, or nil for a blank box.
        public var label: Int?
        public var dpi: Int
        public var image: GreyImage

        public init(label: Int?, dpi: Int, image: GreyImage) {
            self.label = label
            self.dpi = dpi
            self.image = image
        }
    }

    public var boxes: [Box]

    public init(boxes: [Box]) {
        self.boxes = boxes
    }

    public enum LoadError: Error, Equatable, CustomStringConvertible {
        case unreadable(String)
        case notABenchmarkSet
        case truncated

        public var description: String {
            switch self {
            case .unreadable(let path): return "Kunde inte läsa testmängden \(path)."
            case .notABenchmarkSet: return "Filen är ingen testmängd för sifferigenkänning (AVBX)."
            case .truncated: return "Testmängden är avkortad."
            }
        }
    }

    public init(contentsOf url: URL) throws(LoadError) {
        guard let data = try? Data(contentsOf: url) else { throw .unreadable(url.path) }
        let bytes = [UInt8](data)
        var offset = 0
        func take(_ count: Int) throws(LoadError) -> ArraySlice<UInt8> {
            guard count <= bytes.count - offset else { throw .truncated }
            defer { offset += count }
            return bytes[offset..<(offset + count)]
        }
        func uint(_ count: Int) throws(LoadError) -> Int {
            try take(count).reversed().reduce(0) { $0 << 8 | Int($1) }
        }
        guard Array(try take(4)) == Array("AVBX".utf8), try uint(4) == 1 else { throw .notABenchmarkSet }
        let count = try uint(4)
        var boxes: [Box] = []
        for _ in 0..<count {
            let label = try uint(1)
            let dpi = try uint(1) * 10
            let width = try uint(2), height = try uint(2)
            let pixels = Array(try take(width * height))
            boxes.append(
                Box(
                    label: label < 10 ? label : nil, dpi: dpi,
                    image: GreyImage(width: width, height: height, pixels: pixels)))
        }
        self.boxes = boxes
    }

    /// Why a set cannot be written in the AVBX layout.
    public enum EncodeError: Error, Equatable, CustomStringConvertible {
        /// Box `index` has a label other than 0–9, a dpi that is no multiple of
        /// 10 in 10–2 550, or a side above 65 535 pixels.
        case outOfRange(box: Int)

        public var description: String {
            switch self {
            case .outOfRange(let box):
                return "Ruta \(box + 1) går inte att skriva i testmängden (siffra, dpi eller storlek utanför formatet)."
            }
        }
    }

    /// The set in the layout `init(contentsOf:)` reads.
    public func encoded() throws(EncodeError) -> Data {
        var bytes = Array("AVBX".utf8)
        func append(_ value: Int, bytes count: Int) {
            for i in 0..<count { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * i))) }
        }
        append(1, bytes: 4)
        append(boxes.count, bytes: 4)
        for (index, box) in boxes.enumerated() {
            guard box.label.map({ (0...9).contains($0) }) ?? true, box.dpi % 10 == 0, (10...2_550).contains(box.dpi),
                box.image.width <= 65_535, box.image.height <= 65_535
            else { throw .outOfRange(box: index) }
            append(box.label ?? 255, bytes: 1)
            append(box.dpi / 10, bytes: 1)
            append(box.image.width, bytes: 2)
            append(box.image.height, bytes: 2)
            bytes += box.image.pixels
        }
        return Data(bytes)
    }
}
