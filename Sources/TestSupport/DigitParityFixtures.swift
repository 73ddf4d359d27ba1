import Foundation
import Raster

/// The parity vectors written by Training/digits/train.py: sample crops and
/// what the Python reference recogniser made of them.
public struct DigitParityCase {
    public var crop: GreyImage
    /// 0 blank, 1 dense, 2 digit.
    public var status: Int
    public var inkFraction: Double
    public var blank: Double
    /// Sum of the 28×28 input, and Σ value × (y·28 + x).
    public var inputSum: Double
    public var inputMoment: Double
    public var probabilities: [Double]

    public static func load() throws -> [DigitParityCase] {
        // Written by Training/digits/train.py beside the recognition tests.
        let url = RepositoryPaths.root.appendingPathComponent("Tests/RecognitionTests/Fixtures/digits-parity.bin")
        guard FileManager.default.fileExists(atPath: url.path) else { throw FixtureError.missing }
        var reader = ByteReader(bytes: [UInt8](try Data(contentsOf: url)))
        guard try reader.bytes(4) == Array("AVDP".utf8) else { throw FixtureError.malformed }
        let count = try reader.uint32()
        return try (0..<count).map { _ in
            let width = try reader.uint32(), height = try reader.uint32(), status = try reader.uint32()
            let crop = GreyImage(width: width, height: height, pixels: try reader.bytes(width * height))
            let values = try (0..<14).map { _ in try reader.float64() }
            return DigitParityCase(
                crop: crop, status: status, inkFraction: values[0], blank: values[1],
                inputSum: values[2], inputMoment: values[3], probabilities: Array(values[4...]))
        }
    }

    enum FixtureError: Error { case missing, malformed }

    struct ByteReader {
        let bytes: [UInt8]
        var offset = 0

        mutating func bytes(_ count: Int) throws -> [UInt8] {
            guard count >= 0, count <= bytes.count - offset else { throw FixtureError.malformed }
            defer { offset += count }
            return Array(bytes[offset..<(offset + count)])
        }

        mutating func uint32() throws -> Int {
            Int(try bytes(4).reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
        }

        mutating func float64() throws -> Double {
            Double(bitPattern: try bytes(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
        }
    }
}
