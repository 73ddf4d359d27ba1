/// 3×3 convolution (padding 1, bias, ReLU) by Winograd's minimal filtering
/// F(2×2, 3×3) (Lavin & Gray, "Fast Algorithms for Convolutional Neural
/// Networks", 2016): each 2×2 block of outputs costs 16 multiplications per
/// input and output channel pair instead of 36. The weights are transformed
/// once, when the model is loaded; inputs and outputs are transformed per
/// block with additions only. Used for every convolution whose input has a
/// multiple of 16 channels; results agree with the direct convolution up to
/// float rounding.
enum WinogradConvolution {
    /// The weights U = G·g·Gᵀ for every (input, output) channel pair, laid out
    /// [16 positions][inChannels][outChannels], from HWIO weights [3][3][in][out].
    static func transformWeights(_ weights: [Float], inChannels: Int, outChannels: Int) -> [Float] {
        let g: [[Double]] = [[1, 0, 0], [0.5, 0.5, 0.5], [0.5, -0.5, 0.5], [0, 0, 1]]
        var transformed = [Float](repeating: 0, count: 16 * inChannels * outChannels)
        for i in 0..<inChannels {
            for o in 0..<outChannels {
                func w(_ ky: Int, _ kx: Int) -> Double { Double(weights[((ky * 3 + kx) * inChannels + i) * outChannels + o]) }
                for r in 0..<4 {
                    for c in 0..<4 {
                        var sum = 0.0
                        for ky in 0..<3 {
                            for kx in 0..<3 { sum += g[r][ky] * w(ky, kx) * g[c][kx] }
                        }
                        transformed[((r * 4 + c) * inChannels + i) * outChannels + o] = Float(sum)
                    }
                }
            }
        }
        return transformed
    }

    /// Floats of scratch `convolve` needs for a side×side map.
    static func scratchCount(side: Int, inChannels: Int, outChannels: Int) -> Int {
        let paddedSide = 2 * ((side + 1) / 2) + 2
        return paddedSide * paddedSide * inChannels + 2 * 16 * inChannels + 2 * 16 * outChannels
    }

    /// Convolves a side×side×inChannels HWC map (inChannels and outChannels
    /// multiples of 16) with transformed weights, into the top left
    /// outputSide×outputSide×outChannels of the result (outputSide ≤ side).
    static func convolve(input: UnsafePointer<Float>, side: Int, outputSide: Int, inChannels: Int, outChannels: Int,
                         transformed: UnsafePointer<Float>, biases: UnsafePointer<Float>,
                         scratch: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>) {
        let blocks = (outputSide + 1) / 2
        // The blocks read 2·blocks + 2 padded rows and columns: an odd output side
        // gets one more zero row and column; an output side of side − 1 needs no
        // padding after the last input row and column.
        let paddedSide = max(2 * blocks + 2, side + 1)
        let padded = scratch
        let inputTiles = padded + paddedSide * paddedSide * inChannels  // two blocks' V, [16][inChannels] each
        let products = inputTiles + 2 * 16 * inChannels                  // two blocks' M, [16][outChannels] each
        padded.update(repeating: 0, count: paddedSide * paddedSide * inChannels)
        for y in 0..<side {
            (padded + ((y + 1) * paddedSide + 1) * inChannels)
                .update(from: input + y * side * inChannels, count: side * inChannels)
        }
        for by in 0..<blocks {
            var bx = 0
            while bx < blocks {
                let pair = bx + 1 < blocks ? 2 : 1
                for k in 0..<pair {
                    transformInput(padded + ((2 * by) * paddedSide + 2 * (bx + k)) * inChannels,
                                   rowStride: paddedSide * inChannels, channels: inChannels,
                                   into: inputTiles + k * 16 * inChannels)
                }
                multiply(inputTiles, pair: pair, inChannels: inChannels, outChannels: outChannels,
                         transformed: transformed, into: products)
                for k in 0..<pair {
                    transformOutput(products + k * 16 * outChannels, channels: outChannels, biases: biases,
                                    originX: 2 * (bx + k), originY: 2 * by, side: outputSide, output: output)
                }
                bx += pair
            }
        }
    }

    /// V = Bᵀ·d·B of the 4×4 input block at `origin`, 16 channels at a time:
    /// row i of Bᵀ·d, then that row times B.
    @inline(__always)
    private static func transformInput(_ origin: UnsafePointer<Float>, rowStride: Int, channels: Int,
                                       into v: UnsafeMutablePointer<Float>) {
        for c in stride(from: 0, to: channels, by: 16) {
            for i in 0..<4 {
                func t(_ j: Int) -> SIMD16<Float> {
                    let column = origin + j * channels + c
                    func d(_ r: Int) -> SIMD16<Float> { .load(column + r * rowStride) }
                    switch i {
                    case 0: return d(0) - d(2)
                    case 1: return d(1) + d(2)
                    case 2: return d(2) - d(1)
                    default: return d(1) - d(3)
                    }
                }
                let (t0, t1, t2, t3) = (t(0), t(1), t(2), t(3))
                let row = v + 4 * i * channels + c
                (t0 - t2).store(row)
                (t1 + t2).store(row + channels)
                (t2 - t1).store(row + 2 * channels)
                (t1 - t3).store(row + 3 * channels)
            }
        }
    }

    /// M[position] = Σ over input channels of V[position][i] · U[position][i],
    /// for one or two blocks; two share every weight load.
    @inline(__always)
    private static func multiply(_ v: UnsafePointer<Float>, pair: Int, inChannels: Int, outChannels: Int,
                                 transformed: UnsafePointer<Float>, into m: UnsafeMutablePointer<Float>) {
        let second = 16 * inChannels  // the second block's V
        for position in 0..<16 {
            for chunk in stride(from: 0, to: outChannels, by: 16) {
                let weights = transformed + position * inChannels * outChannels + chunk
                let values = v + position * inChannels
                var (a, b) = (SIMD16<Float>.zero, SIMD16<Float>.zero)
                if pair == 2 {
                    DigitKernels.accumulatePair(&a, &b, values: values, secondOffset: second, weights: weights,
                                                weightStride: outChannels, count: inChannels)
                    b.store(m + 16 * outChannels + position * outChannels + chunk)
                } else {
                    DigitKernels.accumulate(&a, values: values, weights: weights, weightStride: outChannels,
                                            count: inChannels)
                }
                a.store(m + position * outChannels + chunk)
            }
        }
    }

    /// Y = Aᵀ·M·A plus bias, ReLU, written where the 2×2 block lies inside the map:
    /// row i of Aᵀ·M, then that row times A.
    @inline(__always)
    private static func transformOutput(_ m: UnsafePointer<Float>, channels: Int, biases: UnsafePointer<Float>,
                                        originX: Int, originY: Int, side: Int, output: UnsafeMutablePointer<Float>) {
        for c in stride(from: 0, to: channels, by: 16) {
            let bias = SIMD16<Float>.load(biases + c)
            for i in 0..<2 where originY + i < side {
                func t(_ j: Int) -> SIMD16<Float> {
                    func at(_ r: Int) -> SIMD16<Float> { .load(m + (4 * r + j) * channels + c) }
                    return i == 0 ? at(0) + at(1) + at(2) : at(1) - at(2) - at(3)
                }
                let (t0, t1, t2, t3) = (t(0), t(1), t(2), t(3))
                let out = output + ((originY + i) * side + originX) * channels + c
                var left = t0 + t1 + t2 + bias
                left.replace(with: 0, where: left .< 0)
                left.store(out)
                if originX + 1 < side {
                    var right = t1 - t2 - t3 + bias
                    right.replace(with: 0, where: right .< 0)
                    right.store(out + channels)
                }
            }
        }
    }
}
