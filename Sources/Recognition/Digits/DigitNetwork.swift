/// One ensemble member: conv 5×5 → ReLU → max-pool 2 → conv 3×3 → ReLU →
/// max-pool 2 → dense → ReLU → dense(10). Activations are HWC (channels
/// innermost), kernels HWIO, dense matrices [in][out], as in the model file.
/// Immutable after loading; each call works in caller-provided scratch.
struct DigitNetwork: Sendable {
    let channels1: Int
    let channels2: Int
    let hidden: Int
    /// All weights and biases, one after the other in `Layer` order.
    private let parameters: [Float]

    static let side = 28

    init(channels1: Int, channels2: Int, hidden: Int,
         conv1Weights: [Float], conv1Bias: [Float], conv2Weights: [Float], conv2Bias: [Float],
         dense1Weights: [Float], dense1Bias: [Float], dense2Weights: [Float], dense2Bias: [Float]) {
        self.channels1 = channels1
        self.channels2 = channels2
        self.hidden = hidden
        parameters = conv1Weights + conv1Bias + conv2Weights + conv2Bias
            + dense1Weights + dense1Bias + dense2Weights + dense2Bias
    }

    /// Floats of scratch: conv1 output (24²·C1) + pooled (12²·C1) + conv2 output (10²·C2)
    /// + pooled (5²·C2) + hidden + logits.
    var scratchCount: Int { 576 * channels1 + 144 * channels1 + 100 * channels2 + 25 * channels2 + hidden + 10 }

    /// The (conv1, conv2) channel counts the SIMD kernels are specialised for.
    static func supports(channels1: Int, channels2: Int, hidden: Int) -> Bool {
        let pairs = [(4, 4), (4, 8), (8, 8), (8, 16), (16, 16), (16, 32), (32, 32)]
        return pairs.contains { $0 == (channels1, channels2) } && hidden > 0 && hidden % 16 == 0
    }

    /// Adds this member's 10 logits to `logits`.
    func addLogits(input: UnsafePointer<Float>, scratch: UnsafeMutablePointer<Float>, into logits: inout [Float]) {
        switch (channels1, channels2) {
        case (4, 8): addLogits(SIMD4<Float>.self, SIMD8<Float>.self, input: input, scratch: scratch, into: &logits)
        case (8, 16): addLogits(SIMD8<Float>.self, SIMD16<Float>.self, input: input, scratch: scratch, into: &logits)
        case (16, 32): addLogits(SIMD16<Float>.self, Pair<SIMD16<Float>>.self, input: input, scratch: scratch, into: &logits)
        case (32, 32): addLogits(Pair<SIMD16<Float>>.self, Pair<SIMD16<Float>>.self, input: input, scratch: scratch,
                                 into: &logits)
        case (8, 8): addLogits(SIMD8<Float>.self, SIMD8<Float>.self, input: input, scratch: scratch, into: &logits)
        case (16, 16): addLogits(SIMD16<Float>.self, SIMD16<Float>.self, input: input, scratch: scratch, into: &logits)
        default:  // (4, 4); DigitModel rejects every other pair when loading
            addLogits(SIMD4<Float>.self, SIMD4<Float>.self, input: input, scratch: scratch, into: &logits)
        }
    }

    /// The forward pass with `V1`/`V2` holding all conv1/conv2 channels in one vector.
    @inline(__always)
    private func addLogits<V1: FloatLanes, V2: FloatLanes>(_: V1.Type, _: V2.Type, input: UnsafePointer<Float>,
                                                           scratch: UnsafeMutablePointer<Float>,
                                                           into logits: inout [Float]) {
        let (c1, c2, h) = (channels1, channels2, hidden)
        guard V1.laneCount == c1, V2.laneCount == c2, h % 16 == 0 else { return }
        let conv1 = scratch
        let pool1 = conv1 + 576 * c1
        let conv2 = pool1 + 144 * c1
        let pool2 = conv2 + 100 * c2
        let hiddenOut = pool2 + 25 * c2
        let out = hiddenOut + h
        parameters.withUnsafeBufferPointer { buffer in
            guard let p = buffer.baseAddress else { return }
            let conv1Bias = p + 25 * c1
            let conv2Weights = conv1Bias + c1
            let conv2Bias = conv2Weights + 9 * c1 * c2
            let dense1Weights = conv2Bias + c2
            let dense1Bias = dense1Weights + 25 * c2 * h
            let dense2Weights = dense1Bias + h
            let dense2Bias = dense2Weights + h * 10
            Self.convolve(V1.self, input: input, width: Self.side, inChannels: 1, kernel: 5,
                          weights: p, bias: conv1Bias, skipZeros: true, output: conv1)
            Self.reluMaxPool(V1.self, conv1, side: 24, output: pool1)
            Self.convolve(V2.self, input: pool1, width: 12, inChannels: c1, kernel: 3,
                          weights: conv2Weights, bias: conv2Bias, skipZeros: false, output: conv2)
            Self.reluMaxPool(V2.self, conv2, side: 10, output: pool2)
            Self.dense16(input: pool2, count: 25 * c2, weights: dense1Weights, bias: dense1Bias,
                         outputs: h, output: hiddenOut)
            for o in 0..<10 {
                var sum = dense2Bias[o]
                for i in 0..<h { sum += hiddenOut[i] * dense2Weights[i * 10 + o] }
                out[o] = sum
            }
        }
        for i in 0..<10 { logits[i] += out[i] }
    }

    /// Valid square convolution of a width×width×inChannels HWC image into
    /// V.laneCount output channels, HWC.
    @inline(__always)
    static func convolve<V: FloatLanes>(_: V.Type, input: UnsafePointer<Float>, width: Int, inChannels: Int, kernel: Int,
                                  weights: UnsafePointer<Float>, bias: UnsafePointer<Float>, skipZeros: Bool,
                                  output: UnsafeMutablePointer<Float>) {
        let outChannels = V.laneCount
        let outSide = width - kernel + 1
        let rowLength = kernel * inChannels  // the kernel row's inputs are contiguous in HWC
        let initial = V.load(bias)
        for y in 0..<outSide {
            for x in 0..<outSide {
                var acc = initial
                for ky in 0..<kernel {
                    let row = input + ((y + ky) * width + x) * inChannels
                    let wRow = weights + ky * rowLength * outChannels
                    if skipZeros {  // the input image: zeros come in large, predictable runs
                        for t in 0..<rowLength where row[t] != 0 {
                            acc.add(row[t], times: V.load(wRow + t * outChannels))
                        }
                    } else {  // post-ReLU maps: zeros are scattered, a branch would mispredict
                        for t in 0..<rowLength {
                            acc.add(row[t], times: V.load(wRow + t * outChannels))
                        }
                    }
                }
                acc.store(output + (y * outSide + x) * outChannels)
            }
        }
    }

    /// ReLU then 2×2 max-pool of a side×side HWC map with V.laneCount channels.
    @inline(__always)
    static func reluMaxPool<V: FloatLanes>(_: V.Type, _ input: UnsafePointer<Float>, side: Int,
                                           output: UnsafeMutablePointer<Float>) {
        let channels = V.laneCount
        let half = side / 2
        for y in 0..<half {
            for x in 0..<half {
                let a = input + ((2 * y) * side + 2 * x) * channels
                let b = a + channels, c = a + side * channels, d = c + channels
                let o = output + (y * half + x) * channels
                for k in 0..<channels {
                    // Selects rather than `max`, whose NaN rules cost a branch per value.
                    let ab = a[k] > b[k] ? a[k] : b[k], cd = c[k] > d[k] ? c[k] : d[k]
                    let m = ab > cd ? ab : cd
                    o[k] = m > 0 ? m : 0
                }
            }
        }
    }

    /// Dense layer with ReLU, `outputs` a multiple of 16. Row by row of the
    /// weights (contiguous), skipping the inputs that ReLU and pooling left at
    /// zero: about half of them, and with them half of the weight traffic.
    @inline(__always)
    static func dense16(input: UnsafePointer<Float>, count: Int, weights: UnsafePointer<Float>,
                        bias: UnsafePointer<Float>, outputs: Int, output: UnsafeMutablePointer<Float>) {
        output.update(from: bias, count: outputs)
        for i in 0..<count where input[i] != 0 {
            let x = input[i]
            let row = weights + i * outputs
            for chunk in stride(from: 0, to: outputs, by: 16) {
                var acc = SIMD16<Float>.load(output + chunk)
                acc.add(x, times: SIMD16<Float>.load(row + chunk))
                acc.store(output + chunk)
            }
        }
        for o in 0..<outputs { output[o] = output[o] > 0 ? output[o] : 0 }
    }
}

/// A fixed number of Float lanes the kernels compute at once: one SIMD vector,
/// or a pair of them for 32 channels (a single SIMD32 compiles to slow code).
protocol FloatLanes {
    static var laneCount: Int { get }
    static func load(_ pointer: UnsafePointer<Float>) -> Self
    func store(_ pointer: UnsafeMutablePointer<Float>)
    /// self += scalar · vector
    mutating func add(_ scalar: Float, times vector: Self)
}

extension FloatLanes where Self: SIMD, Self.Scalar == Float {
    static var laneCount: Int { Self.scalarCount }

    @inline(__always)
    static func load(_ pointer: UnsafePointer<Float>) -> Self {
        UnsafeRawPointer(pointer).loadUnaligned(as: Self.self)
    }

    @inline(__always)
    func store(_ pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: self, as: Self.self)
    }

    @inline(__always)
    mutating func add(_ scalar: Float, times vector: Self) { self += scalar * vector }
}

extension SIMD4: FloatLanes where Scalar == Float {}
extension SIMD8: FloatLanes where Scalar == Float {}
extension SIMD16: FloatLanes where Scalar == Float {}

/// Two vectors side by side: lanes 0..<n in `low`, n..<2n in `high`.
struct Pair<V: FloatLanes>: FloatLanes {
    var low: V, high: V

    static var laneCount: Int { 2 * V.laneCount }

    @inline(__always)
    static func load(_ pointer: UnsafePointer<Float>) -> Self {
        Pair(low: V.load(pointer), high: V.load(pointer + V.laneCount))
    }

    @inline(__always)
    func store(_ pointer: UnsafeMutablePointer<Float>) {
        low.store(pointer)
        high.store(pointer + V.laneCount)
    }

    @inline(__always)
    mutating func add(_ scalar: Float, times vector: Self) {
        low.add(scalar, times: vector.low)
        high.add(scalar, times: vector.high)
    }
}
