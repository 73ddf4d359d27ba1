import Foundation

/// The contents of a `.avbnet` file: one or more small CNNs plus the
/// calibration constants. The output is the members' mean logits, or, with an
/// escalation in the header, the first member's alone for the boxes it is sure
/// of and every member's for the others (a second opinion where it pays). Layout
/// (little-endian): "AVBN", UInt32 format version, UInt32 header length N,
/// N bytes of JSON, zero padding to a multiple of 4, then the Float32 tensors
/// in header order.
/// See Training/digits/README.md.
struct DigitModel: Sendable {
    static let magic: [UInt8] = Array("AVBN".utf8)
    static let formatVersion = 2

    struct Header: Decodable {
        struct Tensor: Decodable {
            let name: String
            let shape: [Int]
        }
        struct Member: Decodable { let layers: [Layer] }
        /// `{"kind": "conv3x3", "in": 1, "out": 16}`, `{"kind": "maxpool2"}`,
        /// `{"kind": "dense", "in": 432, "out": 128, "relu": true}`.
        struct Layer: Decodable {
            let kind: String
            let `in`: Int?
            let out: Int?
            let relu: Bool?

            func layer(named name: String) throws(DigitModelError) -> DigitLayer {
                switch (kind, `in`, out) {
                case ("conv3x3", let i?, let o?) where i > 0 && o > 0 && i < 1 << 12 && o < 1 << 12:
                    return .convolution(inChannels: i, outChannels: o)
                case ("maxpool2", _, _):
                    return .maxPool
                case ("dense", let i?, let o?) where i > 0 && o > 0 && i < 1 << 16 && o < 1 << 12:
                    return .dense(inputs: i, outputs: o, relu: relu ?? false)
                default:
                    throw .shapeMismatch(name)
                }
            }
        }
        struct Blank: Decodable {
            let bias: Double
            let slope: Double
        }
        struct Escalation: Decodable {
            let below: Double
            let firstTemperature: Double
        }
        let formatVersion: Int
        let preprocessingVersion: Int
        let temperature: Double
        let blank: Blank
        let suggestedThreshold: Double
        let escalation: Escalation?
        let trainingData: [String: String]
        let scriptVersion: String
        let members: [Member]
        let tensors: [Tensor]
    }

    let members: [DigitNetwork]
    let temperature: Float
    /// Below `below` top probability of the first member (its logits over
    /// `firstTemperature`), every member is asked; nil: every member reads every box.
    let escalation: (below: Double, firstTemperature: Float)?
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

        let tensors = try Self.tensors(header.tensors, in: bytes, from: 12 + headerLength)
        let members = try header.members.enumerated().map { (index, member) throws(DigitModelError) in
            try Self.network(member, named: "m\(index)", tensors: tensors)
        }
        if let escalation = header.escalation {
            guard members.count > 1, escalation.below > 0, escalation.below <= 1, escalation.firstTemperature > 0 else {
                throw .corruptHeader("escalation")
            }
        }
        self.members = members
        temperature = Float(header.temperature)
        escalation = header.escalation.map { ($0.below, Float($0.firstTemperature)) }
        blankBias = header.blank.bias
        blankSlope = header.blank.slope
        suggestedThreshold = header.suggestedThreshold
        trainingDataSHA256 = header.trainingData["sha256"] ?? ""
    }

    typealias Tensors = [String: (shape: [Int], values: [Float])]

    /// The Float32 tensors listed in the header, read from `start` rounded up
    /// to a multiple of 4, by name.
    private static func tensors(_ list: [Header.Tensor], in bytes: [UInt8], from start: Int) throws(DigitModelError)
        -> Tensors
    {
        var offset = start + (4 - start % 4) % 4
        var tensors: Tensors = [:]
        for tensor in list {
            guard let count = elementCount(tensor.shape) else { throw .shapeMismatch(tensor.name) }
            guard count <= (bytes.count - offset) / 4 else { throw .truncated }
            var values = [Float](repeating: 0, count: count)
            for i in 0..<count {
                values[i] = Float(bitPattern: uint32(bytes, at: offset + 4 * i))
            }
            offset += 4 * count
            tensors[tensor.name] = (tensor.shape, values)
        }
        return tensors
    }

    /// One member's network from its layer list and its tensors
    /// (`NAME.lK.w`, `NAME.lK.b` for layer K), each of the shape its layer needs.
    private static func network(
        _ member: Header.Member, named name: String,
        tensors: Tensors
    ) throws(DigitModelError) -> DigitNetwork {
        func tensor(_ key: String, _ shape: [Int]) throws(DigitModelError) -> [Float] {
            guard let tensor = tensors[key], tensor.shape == shape else { throw .shapeMismatch(key) }
            return tensor.values
        }
        var layers: [DigitLayer] = []
        var parameters: [(weights: [Float], biases: [Float])] = []
        for (number, description) in member.layers.enumerated() {
            let prefix = "\(name).l\(number)"
            let layer = try description.layer(named: prefix)
            switch layer {
            case .convolution(let i, let o):
                parameters.append((try tensor("\(prefix).w", [3, 3, i, o]), try tensor("\(prefix).b", [o])))
            case .dense(let i, let o, _):
                parameters.append((try tensor("\(prefix).w", [i, o]), try tensor("\(prefix).b", [o])))
            case .maxPool:
                parameters.append(([], []))
            }
            layers.append(layer)
        }
        return try DigitNetwork(name: name, layers: layers, tensors: parameters)
    }

    /// The number of elements of a tensor shape, nil for an empty or
    /// non-positive dimension or a product that overflows.
    private static func elementCount(_ shape: [Int]) -> Int? {
        var count = 1
        for dimension in shape {
            guard dimension > 0 else { return nil }
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow else { return nil }
            count = product
        }
        return count
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

    /// Digit probabilities: softmax(mean member logits / temperature); with an
    /// escalation, the first member's softmax(logits / firstTemperature) when
    /// its top probability reaches `escalation.below`. `escalated` says whether
    /// the other members were asked.
    func probabilities(
        input: UnsafePointer<Float>,
        scratch: UnsafeMutablePointer<Float>
    ) -> (probabilities: [Double], escalated: Bool) {
        var logits = [Float](repeating: 0, count: 10)
        members[0].addLogits(input: input, scratch: scratch, into: &logits)
        if let escalation {
            let first = Self.softmax(logits, scale: 1 / escalation.firstTemperature)
            if (first.max() ?? 0) >= escalation.below { return (first, false) }
        }
        for member in members.dropFirst() {
            member.addLogits(input: input, scratch: scratch, into: &logits)
        }
        return (Self.softmax(logits, scale: 1 / (Float(members.count) * temperature)), members.count > 1)
    }

    private static func softmax(_ logits: [Float], scale: Float) -> [Double] {
        let scaled = logits.map { Double($0 * scale) }
        let top = scaled.max() ?? 0
        let exps = scaled.map { exp($0 - top) }
        let total = exps.reduce(0, +)
        return exps.map { $0 / total }
    }
}
