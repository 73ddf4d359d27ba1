import Foundation

/// The contents of a `.avbnet` file: an ensemble of small CNNs plus the
/// calibration constants. Layout (little-endian): "AVBN", UInt32 format
/// version, UInt32 header length N, N bytes of JSON, zero padding to a
/// multiple of 4, then the Float32 tensors in header order.
/// See Training/digits/README.md.
struct DigitModel: Sendable {
    static let magic: [UInt8] = Array("AVBN".utf8)
    static let formatVersion = 1

    struct Header: Decodable {
        struct Tensor: Decodable { let name: String; let shape: [Int] }
        struct Member: Decodable { let conv1: Int; let conv2: Int; let hidden: Int }
        struct Blank: Decodable { let bias: Double; let slope: Double }
        let formatVersion: Int
        let preprocessingVersion: Int
        let temperature: Double
        let blank: Blank
        let suggestedThreshold: Double
        let trainingData: [String: String]
        let scriptVersion: String
        let members: [Member]
        let tensors: [Tensor]
    }

    let members: [DigitNetwork]
    let temperature: Float
    let blankBias: Double
    let blankSlope: Double
    let suggestedThreshold: Double
    let trainingDataSHA256: String

    init(data: Data) throws(DigitModelError) {
        let bytes = [UInt8](data)
        guard bytes.count >= 12, Array(bytes[0..<4]) == Self.magic else { throw .notAModel }
        let version = Int(Self.uint32(bytes, at: 4))
        guard version == Self.formatVersion else { throw .unsupportedVersion(version) }
        let headerLength = Int(Self.uint32(bytes, at: 8))
        guard headerLength <= bytes.count - 12 else { throw .truncated }
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: Data(bytes[12..<(12 + headerLength)]))
        } catch {
            throw .corruptHeader(String(describing: error).prefix(200).description)
        }
        guard header.preprocessingVersion == DigitPreprocessor.version else {
            throw .preprocessingMismatch(header.preprocessingVersion)
        }
        guard !header.members.isEmpty, header.temperature > 0 else { throw .corruptHeader("members/temperature") }

        var offset = 12 + headerLength
        offset += (4 - offset % 4) % 4
        var tensors: [String: (shape: [Int], values: [Float])] = [:]
        for tensor in header.tensors {
            guard tensor.shape.allSatisfy({ $0 > 0 && $0 < 1 << 20 }) else { throw .shapeMismatch(tensor.name) }
            let count = tensor.shape.reduce(1, *)
            guard count <= (bytes.count - offset) / 4 else { throw .truncated }
            var values = [Float](repeating: 0, count: count)
            for i in 0..<count {
                values[i] = Float(bitPattern: Self.uint32(bytes, at: offset + 4 * i))
            }
            offset += 4 * count
            tensors[tensor.name] = (tensor.shape, values)
        }

        var members: [DigitNetwork] = []
        for (index, member) in header.members.enumerated() {
            func weights(_ name: String, _ shape: [Int]) throws(DigitModelError) -> [Float] {
                let key = "m\(index).\(name)"
                guard let tensor = tensors[key], tensor.shape == shape else { throw .shapeMismatch(key) }
                return tensor.values
            }
            let (c1, c2, hidden) = (member.conv1, member.conv2, member.hidden)
            guard DigitNetwork.supports(channels1: c1, channels2: c2, hidden: hidden) else {
                throw .shapeMismatch("m\(index)")
            }
            members.append(DigitNetwork(
                channels1: c1, channels2: c2, hidden: hidden,
                conv1Weights: try weights("conv1.w", [5, 5, 1, c1]), conv1Bias: try weights("conv1.b", [c1]),
                conv2Weights: try weights("conv2.w", [3, 3, c1, c2]), conv2Bias: try weights("conv2.b", [c2]),
                dense1Weights: try weights("dense1.w", [25 * c2, hidden]), dense1Bias: try weights("dense1.b", [hidden]),
                dense2Weights: try weights("dense2.w", [hidden, 10]), dense2Bias: try weights("dense2.b", [10])))
        }
        self.members = members
        temperature = Float(header.temperature)
        blankBias = header.blank.bias
        blankSlope = header.blank.slope
        suggestedThreshold = header.suggestedThreshold
        trainingDataSHA256 = header.trainingData["sha256"] ?? ""
    }

    private static func uint32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8
            | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
    }

    /// P(blank) for a crop whose kept ink covers `inkFraction` of its area.
    func blankProbability(inkFraction: Double) -> Double {
        guard inkFraction > 0 else { return 1 }
        return 1 / (1 + exp(-(blankBias + blankSlope * log(inkFraction))))
    }

    /// Scratch floats one call of `probabilities` needs.
    var scratchCount: Int { members.map(\.scratchCount).max() ?? 0 }

    /// Ensemble digit probabilities: softmax(mean member logits / temperature).
    func probabilities(input: UnsafePointer<Float>, scratch: UnsafeMutablePointer<Float>) -> [Double] {
        var logits = [Float](repeating: 0, count: 10)
        for member in members {
            member.addLogits(input: input, scratch: scratch, into: &logits)
        }
        let scale = 1 / (Float(members.count) * temperature)
        let scaled = logits.map { Double($0 * scale) }
        let top = scaled.max() ?? 0
        let exps = scaled.map { exp($0 - top) }
        let total = exps.reduce(0, +)
        return exps.map { $0 / total }
    }
}
