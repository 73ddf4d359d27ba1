/// One ensemble member: a sequence of `DigitLayer`s from the 28×28×1 input to
/// 10 logits. Immutable after loading; each call works in caller-provided
/// scratch memory, so one network may be used from several threads at once.
struct DigitNetwork: Sendable {
    let layers: [DigitLayer]
    /// Every layer's weights then biases, layer after layer; convolutions
    /// with a multiple of 16 input channels hold Winograd-transformed weights.
    private let parameters: [Float]
    /// Where each layer's weights and biases start in `parameters`.
    private let offsets: [(weights: Int, biases: Int)]
    /// Which layers are convolved by `WinogradConvolution`.
    private let winograd: [Bool]
    /// The activation shape each layer reads (a convolution before a
    /// max-pool computes only the rows and columns the pool reads).
    private let inputShapes: [ActivationShape]
    /// Multiply-adds of one forward pass (before zeros are skipped).
    let multiplyAdds: Int
    /// The largest activation between layers, and the largest scratch a
    /// convolution needs besides, in floats.
    private let activationCount: Int
    private let convolutionScratch: Int

    static let side = 28
    static let input = ActivationShape(side: side, channels: 1)

    /// Checks that the layers chain from the 28×28 input to 10 logits (the
    /// last one a dense layer without ReLU) and that every layer has as many
    /// weights and biases as its shape needs; errors name the member `name`.
    init(name: String, layers: [DigitLayer], tensors: [(weights: [Float], biases: [Float])]) throws(DigitModelError) {
        guard !layers.isEmpty, layers.count == tensors.count,
            case .dense(_, 10, false) = layers[layers.count - 1]
        else { throw .shapeMismatch(name) }
        var shape = Self.input
        var activationCount = shape.count, convolutionScratch = 0, multiplyAdds = 0
        var parameters: [Float] = [], offsets: [(weights: Int, biases: Int)] = [], winograd: [Bool] = []
        var inputShapes: [ActivationShape] = []
        for (index, (layer, tensor)) in zip(layers, tensors).enumerated() {
            let counts = layer.parameterCounts
            guard var next = shape.after(layer), tensor.weights.count == counts.weights,
                tensor.biases.count == counts.biases
            else { throw .shapeMismatch("\(name).l\(index)") }
            // A max-pool drops an odd last row and column: the convolution before it need not compute them.
            if case .convolution = layer, index + 1 < layers.count, layers[index + 1] == .maxPool, next.side % 2 == 1 {
                next.side -= 1
            }
            var weights = tensor.weights
            var fast = false
            if case .convolution(let inChannels, let outChannels) = layer {
                fast = inChannels % 16 == 0
                if fast {
                    weights = WinogradConvolution.transformWeights(
                        weights, inChannels: inChannels,
                        outChannels: outChannels)
                }
                convolutionScratch = max(
                    convolutionScratch,
                    fast
                        ? WinogradConvolution.scratchCount(
                            side: shape.side, inChannels: inChannels, outChannels: outChannels)
                        : (shape.side + 2) * (shape.side + 2) * inChannels)
            }
            switch layer {
            case .convolution: multiplyAdds += next.side * next.side * counts.weights
            case .dense: multiplyAdds += counts.weights
            case .maxPool: break
            }
            offsets.append((parameters.count, parameters.count + weights.count))
            winograd.append(fast)
            inputShapes.append(shape)
            parameters += weights + tensor.biases
            shape = next
            activationCount = max(activationCount, shape.count)
        }
        self.layers = layers
        self.parameters = parameters
        self.offsets = offsets
        self.winograd = winograd
        self.inputShapes = inputShapes
        self.multiplyAdds = multiplyAdds
        self.activationCount = activationCount
        self.convolutionScratch = convolutionScratch
    }

    /// Floats of scratch one call of `addLogits` needs: two activation buffers
    /// used in turn, and a convolution's own.
    var scratchCount: Int { 2 * activationCount + convolutionScratch }

    /// Adds this member's 10 logits to `logits`.
    func addLogits(input: UnsafePointer<Float>, scratch: UnsafeMutablePointer<Float>, into logits: inout [Float]) {
        let buffers = (scratch, scratch + activationCount)
        let convolution = scratch + 2 * activationCount
        parameters.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var source = input
            for (index, layer) in layers.enumerated() {
                let output = index % 2 == 0 ? buffers.0 : buffers.1
                let (weights, biases) = (base + offsets[index].weights, base + offsets[index].biases)
                let side = inputShapes[index].side
                switch layer {
                case .convolution(let inChannels, let outChannels) where winograd[index]:
                    WinogradConvolution.convolve(
                        input: source, side: side, outputSide: inputShapes[index + 1].side,
                        inChannels: inChannels, outChannels: outChannels,
                        transformed: weights, biases: biases,
                        scratch: convolution, output: output)
                case .convolution(let inChannels, let outChannels):
                    DigitKernels.convolve3x3(
                        input: source, side: side, outputSide: inputShapes[index + 1].side,
                        inChannels: inChannels, outChannels: outChannels,
                        weights: weights, biases: biases,
                        padded: convolution, skipZeros: index == 0, output: output)
                case .maxPool:
                    DigitKernels.maxPool(
                        input: source, side: side, channels: inputShapes[index].channels,
                        output: output)
                case .dense(let inputs, let outputs, let relu):
                    DigitKernels.dense(
                        input: source, count: inputs, weights: weights, biases: biases,
                        outputs: outputs, relu: relu, output: output)
                }
                source = UnsafePointer(output)
            }
            for i in 0..<10 { logits[i] += source[i] }
        }
    }
}
