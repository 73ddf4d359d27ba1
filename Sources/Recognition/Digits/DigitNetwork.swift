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
        let pairs = [(4, 4), (4, 8), (8, 8), (8, 16), (16, 16), (16, 32)]
        return pairs.contains { $0 == (channels1, channels2) } && hidden > 0 && hidden % 16 == 0
    }

    /// Adds this member's 10 logits to `logits`.
    func addLogits(input: UnsafePointer<Float>, scratch: UnsafeMutablePointer<Float>, into logits: inout [Float]) {
        switch (channels1, channels2) {
        case (4, 8): addLogits(SIMD4<Float>.self, SIMD8<Float>.self, input: input, scratch: scratch, into: &logits)
        case (8, 16): addLogits(SIMD8<Float>.self, SIMD16<Float>.self, input: input, scratch: scratch, into: &logits)
        case (16, 32): addLogits(SIMD16<Float>.self, SIMD32<Float>.self, input: input, scratch: scratch, into: &logits)
        case (8, 8): addLogits(SIMD8<Float>.self, SIMD8<Float>.self, input: input, scratch: scratch, into: &logits)
        case (16, 16): addLogits(SIMD16<Float>.self, SIMD16<Float>.self, input: input, scratch: scratch, into: &logits)
        default:  // (4, 4); DigitModel rejects every other pair when loading
            addLogits(SIMD4<Float>.self, SIMD4<Float>.self, input: input, scratch: scratch, into: &logits)
        }
    }

    /// The forward pass with `V1`/`V2` holding all conv1/conv2 channels in one vector.
    @inline(__always)
    private func addLogits<V1: SIMD, V2: SIMD>(_: V1.Type, _: V2.Type, input: UnsafePointer<Float>,
                                               scratch: UnsafeMutablePointer<Float>, into logits: inout [Float])
    where V1.Scalar == Float, V2.Scalar == Float {
        let (c1, c2, h) = (channels1, channels2, hidden)
        guard V1.scalarCount == c1, V2.scalarCount == c2, h % 16 == 0 else { return }
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

    @inline(__always)
    static func load<V: SIMD>(_: V.Type, _ pointer: UnsafePointer<Float>) -> V where V.Scalar == Float {
        UnsafeRawPointer(pointer).loadUnaligned(as: V.self)
    }

    @inline(__always)
    static func store<V: SIMD>(_ value: V, _ pointer: UnsafeMutablePointer<Float>) where V.Scalar == Float {
        UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: V.self)
    }

    /// Valid square convolution of a width×width×inChannels HWC image into
    /// V.scalarCount output channels, HWC.
    @inline(__always)
    static func convolve<V: SIMD>(_: V.Type, input: UnsafePointer<Float>, width: Int, inChannels: Int, kernel: Int,
                                  weights: UnsafePointer<Float>, bias: UnsafePointer<Float>, skipZeros: Bool,
                                  output: UnsafeMutablePointer<Float>) where V.Scalar == Float {
        let outChannels = V.scalarCount
        let outSide = width - kernel + 1
        let rowLength = kernel * inChannels  // the kernel row's inputs are contiguous in HWC
        let initial = load(V.self, bias)
        for y in 0..<outSide {
            for x in 0..<outSide {
                var acc = initial
                for ky in 0..<kernel {
                    let row = input + ((y + ky) * width + x) * inChannels
                    let wRow = weights + ky * rowLength * outChannels
                    if skipZeros {  // the input image: zeros come in large, predictable runs
                        for t in 0..<rowLength where row[t] != 0 {
                            acc += row[t] * load(V.self, wRow + t * outChannels)
                        }
                    } else {  // post-ReLU maps: zeros are scattered, a branch would mispredict
                        for t in 0..<rowLength {
                            acc += row[t] * load(V.self, wRow + t * outChannels)
                        }
                    }
                }
                store(acc, output + (y * outSide + x) * outChannels)
            }
        }
    }

    /// ReLU then 2×2 max-pool of a side×side HWC map with V.scalarCount channels.
    @inline(__always)
    static func reluMaxPool<V: SIMD>(_: V.Type, _ input: UnsafePointer<Float>, side: Int,
                                     output: UnsafeMutablePointer<Float>) where V.Scalar == Float {
        let channels = V.scalarCount
        let half = side / 2
        for y in 0..<half {
            for x in 0..<half {
                let a = input + ((2 * y) * side + 2 * x) * channels
                let b = a + channels, c = a + side * channels, d = c + channels
                let o = output + (y * half + x) * channels
                // A plain loop: the stdlib's generic pointwiseMax is not inlined.
                for k in 0..<channels { o[k] = max(0, max(max(a[k], b[k]), max(c[k], d[k]))) }
            }
        }
    }

    /// Dense layer with ReLU, `outputs` a multiple of 16.
    @inline(__always)
    static func dense16(input: UnsafePointer<Float>, count: Int, weights: UnsafePointer<Float>,
                        bias: UnsafePointer<Float>, outputs: Int, output: UnsafeMutablePointer<Float>) {
        for chunk in stride(from: 0, to: outputs, by: 16) {
            var acc = load(SIMD16<Float>.self, bias + chunk)
            for i in 0..<count {
                acc += input[i] * load(SIMD16<Float>.self, weights + i * outputs + chunk)
            }
            store(acc, output + chunk)
        }
        for o in 0..<outputs { output[o] = max(0, output[o]) }
    }
}
