import Raster
import Testing

@testable import Recognition

/// The layer kernels against plain loops over the same arithmetic, on random
/// weights and inputs, and the checks a model's layer list must pass.
@Suite("Digit network layers")
struct DigitNetworkTests {
    /// 3×3, padding 1, bias, ReLU; HWC in and out, weights HWIO. The obvious loops.
    static func naiveConvolution(
        _ input: [Float], side: Int, inChannels: Int, outChannels: Int,
        weights: [Float], biases: [Float]
    ) -> [Float] {
        var output = [Float](repeating: 0, count: side * side * outChannels)
        for y in 0..<side {
            for x in 0..<side {
                for o in 0..<outChannels {
                    var sum = biases[o]
                    for ky in 0..<3 {
                        for kx in 0..<3 {
                            let (sy, sx) = (y + ky - 1, x + kx - 1)
                            guard sy >= 0, sy < side, sx >= 0, sx < side else { continue }
                            for i in 0..<inChannels {
                                sum +=
                                    input[(sy * side + sx) * inChannels + i]
                                    * weights[((ky * 3 + kx) * inChannels + i) * outChannels + o]
                            }
                        }
                    }
                    output[(y * side + x) * outChannels + o] = max(sum, 0)
                }
            }
        }
        return output
    }

    static func random(_ count: Int, zeros: Double = 0, using generator: inout SeededGenerator) -> [Float] {
        (0..<count).map { _ in
            Double.random(in: 0..<1, using: &generator) < zeros ? 0 : Float.random(in: -1...1, using: &generator)
        }
    }

    /// Copies of `arrays` in memory of their own, handed to `body` as pointers.
    static func withPointers<T>(_ arrays: [[Float]], _ body: ([UnsafeMutablePointer<Float>]) -> T) -> T {
        let pointers = arrays.map { array in
            let pointer = UnsafeMutablePointer<Float>.allocate(capacity: max(array.count, 1))
            pointer.initialize(from: array, count: array.count)
            return pointer
        }
        defer { for pointer in pointers { pointer.deallocate() } }
        return body(pointers)
    }

    /// Every output written, and within float rounding of the top left
    /// outputSide × outputSide of `naiveConvolution`.
    static func expectPlainLoopsResult(
        _ output: [Float], outputSide: Int, input: [Float], side: Int, inChannels: Int,
        outChannels: Int, weights: [Float], biases: [Float]
    ) {
        let full = naiveConvolution(
            input, side: side, inChannels: inChannels, outChannels: outChannels,
            weights: weights, biases: biases)
        let pixel = outChannels
        let expected = (0..<outputSide).flatMap { y in full[(y * side * pixel)..<((y * side + outputSide) * pixel)] }
        #expect(output.count == expected.count)
        #expect(output.allSatisfy { $0.isFinite }, "every output written")
        let worst = zip(output, expected).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst < 1e-4, "largest difference \(worst)")
    }

    /// (side, output side, input channels, output channels, skip zeros); an
    /// output side of side − 1 is what a convolution before a max-pool of an
    /// odd side computes.
    @Test(arguments: [
        (28, 28, 1, 16, true), (14, 14, 16, 32, false), (7, 7, 32, 48, false), (7, 6, 32, 48, false),
        (3, 3, 16, 16, false), (5, 5, 3, 32, true), (5, 4, 3, 32, true),
    ])
    func convolutionMatchesPlainLoops(side: Int, outputSide: Int, inChannels: Int, outChannels: Int, skipZeros: Bool) {
        var generator = SeededGenerator(seed: UInt64(side * 1000 + inChannels * 10 + outChannels))
        let input = Self.random(side * side * inChannels, zeros: skipZeros ? 0.8 : 0.3, using: &generator)
        let weights = Self.random(9 * inChannels * outChannels, using: &generator)
        let biases = Self.random(outChannels, using: &generator)
        let padded = [Float](repeating: .nan, count: (side + 2) * (side + 2) * inChannels)
        let unset = [Float](repeating: .nan, count: outputSide * outputSide * outChannels)
        let output = Self.withPointers([input, weights, biases, padded, unset]) { p in
            DigitKernels.convolve3x3(
                input: p[0], side: side, outputSide: outputSide, inChannels: inChannels,
                outChannels: outChannels, weights: p[1], biases: p[2], padded: p[3],
                skipZeros: skipZeros, output: p[4])
            return Array(UnsafeBufferPointer(start: p[4], count: outputSide * outputSide * outChannels))
        }
        Self.expectPlainLoopsResult(
            output, outputSide: outputSide, input: input, side: side, inChannels: inChannels,
            outChannels: outChannels, weights: weights, biases: biases)
    }

    /// (side, output side, input channels, output channels), as above.
    @Test(arguments: [
        (14, 14, 16, 32), (7, 7, 32, 48), (7, 6, 32, 48), (28, 28, 16, 16), (3, 3, 16, 16),
        (3, 2, 16, 16), (1, 1, 16, 16),
    ])
    func winogradMatchesPlainLoops(side: Int, outputSide: Int, inChannels: Int, outChannels: Int) {
        var generator = SeededGenerator(seed: UInt64(side * 100 + outChannels))
        let input = Self.random(side * side * inChannels, zeros: 0.4, using: &generator)
        let weights = Self.random(9 * inChannels * outChannels, using: &generator)
        let biases = Self.random(outChannels, using: &generator)
        let transformed = WinogradConvolution.transformWeights(
            weights, inChannels: inChannels, outChannels: outChannels)
        let scratch = [Float](
            repeating: .nan,
            count: WinogradConvolution.scratchCount(
                side: side, inChannels: inChannels, outChannels: outChannels))
        let unset = [Float](repeating: .nan, count: outputSide * outputSide * outChannels)
        let output = Self.withPointers([input, transformed, biases, scratch, unset]) { p in
            WinogradConvolution.convolve(
                input: p[0], side: side, outputSide: outputSide, inChannels: inChannels,
                outChannels: outChannels, transformed: p[1], biases: p[2], scratch: p[3],
                output: p[4])
            return Array(UnsafeBufferPointer(start: p[4], count: outputSide * outputSide * outChannels))
        }
        Self.expectPlainLoopsResult(
            output, outputSide: outputSide, input: input, side: side, inChannels: inChannels,
            outChannels: outChannels, weights: weights, biases: biases)
    }

    @Test func maxPoolDropsAnOddEdge() {
        // 3×3 map, 2 channels: only the top-left 2×2 block is pooled.
        let input: [Float] = [
            1, -1, 5, -2, 9, 9,
            2, -3, 3, -4, 9, 9,
            9, 9, 9, 9, 9, 9,
        ]
        let output = Self.withPointers([input, [.nan, .nan]]) { p in
            DigitKernels.maxPool(input: p[0], side: 3, channels: 2, output: p[1])
            return [p[1][0], p[1][1]]
        }
        #expect(output == [5, -1])
    }

    @Test func denseLayerSkipsNothingThatCounts() {
        var generator = SeededGenerator(seed: 7)
        let (inputs, outputs) = (40, 19)  // 16 in vectors and 3 one by one
        let input = Self.random(inputs, zeros: 0.5, using: &generator)
        let weights = Self.random(inputs * outputs, using: &generator)
        let biases = Self.random(outputs, using: &generator)
        for relu in [false, true] {
            let output = Self.withPointers([input, weights, biases, [Float](repeating: .nan, count: outputs)]) { p in
                DigitKernels.dense(
                    input: p[0], count: inputs, weights: p[1], biases: p[2], outputs: outputs,
                    relu: relu, output: p[3])
                return Array(UnsafeBufferPointer(start: p[3], count: outputs))
            }
            for o in 0..<outputs {
                var sum = biases[o]
                for i in 0..<inputs { sum += input[i] * weights[i * outputs + o] }
                if relu { sum = max(sum, 0) }
                #expect(abs(output[o] - sum) < 1e-4, "output \(o), relu \(relu)")
            }
        }
    }

    static func parameters(_ layers: [DigitLayer]) -> [(weights: [Float], biases: [Float])] {
        layers.map { layer in
            let counts = layer.parameterCounts
            return ([Float](repeating: 0.01, count: counts.weights), [Float](repeating: 0, count: counts.biases))
        }
    }

    @Test func layersMustChainFromTheInputToTenLogits() throws {
        let good: [DigitLayer] = [
            .convolution(inChannels: 1, outChannels: 16), .maxPool,
            .convolution(inChannels: 16, outChannels: 32), .maxPool,
            .dense(inputs: 7 * 7 * 32, outputs: 32, relu: true),
            .dense(inputs: 32, outputs: 10, relu: false),
        ]
        let network = try DigitNetwork(name: "m0", layers: good, tensors: Self.parameters(good))
        #expect(network.multiplyAdds == 28 * 28 * 9 * 16 + 14 * 14 * 9 * 16 * 32 + 7 * 7 * 32 * 32 + 32 * 10)
        // A convolution of a 7 × 7 map before a max-pool computes only the 6 × 6 the pool reads.
        let oddBeforePool: [DigitLayer] = [
            .convolution(inChannels: 1, outChannels: 16), .maxPool, .maxPool,
            .convolution(inChannels: 16, outChannels: 16), .maxPool,
            .dense(inputs: 3 * 3 * 16, outputs: 10, relu: false),
        ]
        let cropped = try DigitNetwork(name: "m0", layers: oddBeforePool, tensors: Self.parameters(oddBeforePool))
        #expect(cropped.multiplyAdds == 28 * 28 * 9 * 16 + 6 * 6 * 9 * 16 * 16 + 3 * 3 * 16 * 10)

        var wrongInput = good
        wrongInput[2] = .convolution(inChannels: 8, outChannels: 32)
        var oddChannels = good
        oddChannels[0] = .convolution(inChannels: 1, outChannels: 12)
        var wrongFlatten = good
        wrongFlatten[4] = .dense(inputs: 6 * 6 * 32, outputs: 32, relu: true)
        var reluLogits = good
        reluLogits[5] = .dense(inputs: 32, outputs: 10, relu: true)
        var elevenLogits = good
        elevenLogits[5] = .dense(inputs: 32, outputs: 11, relu: false)
        for (index, layers) in [wrongInput, oddChannels, wrongFlatten, reluLogits, elevenLogits].enumerated() {
            #expect(throws: DigitModelError.self, "case \(index)") {
                try DigitNetwork(name: "m0", layers: layers, tensors: Self.parameters(layers))
            }
        }
        var shortWeights = Self.parameters(good)
        shortWeights[2].weights.removeLast()
        #expect(throws: DigitModelError.shapeMismatch("m1.l2")) {
            try DigitNetwork(name: "m1", layers: good, tensors: shortWeights)
        }
    }
}
