/// 3×3 convolution (padding 1, bias, ReLU) by Winograd's minimal filtering
/// F(4×4, 3×3) (Lavin & Gray, "Fast Algorithms for Convolutional Neural
/// Networks", 2016, interpolation points 0, ±1, ±2): each 4×4 tile of outputs
/// costs 36 multiplications per input and output channel pair instead of
/// 144. The weights are transformed once, when the model is loaded; inputs and
/// outputs are transformed per tile with a few additions and small constant
/// multiples. Used for every convolution whose input has a multiple of 16
/// channels; results agree with the direct convolution up to float rounding.
enum WinogradConvolution {
    /// Outputs per tile side, and transformed positions per tile.
    static let tile = 4
    static let positions = 36

    /// The weights U = G·g·Gᵀ for every (input, output) channel pair, laid out
    /// [36 positions][inChannels][outChannels], from HWIO weights [3][3][in][out].
    static func transformWeights(_ weights: [Float], inChannels: Int, outChannels: Int) -> [Float] {
        let g: [[Double]] = [
            [1.0 / 4, 0, 0], [-1.0 / 6, -1.0 / 6, -1.0 / 6], [-1.0 / 6, 1.0 / 6, -1.0 / 6],
            [1.0 / 24, 1.0 / 12, 1.0 / 6], [1.0 / 24, -1.0 / 12, 1.0 / 6], [0, 0, 1],
        ]
        var transformed = [Float](repeating: 0, count: positions * inChannels * outChannels)
        for i in 0..<inChannels {
            for o in 0..<outChannels {
                func w(_ ky: Int, _ kx: Int) -> Double {
                    Double(weights[((ky * 3 + kx) * inChannels + i) * outChannels + o])
                }
                for r in 0..<6 {
                    for c in 0..<6 {
                        var sum = 0.0
                        for ky in 0..<3 {
                            for kx in 0..<3 { sum += g[r][ky] * w(ky, kx) * g[c][kx] }
                        }
                        transformed[((r * 6 + c) * inChannels + i) * outChannels + o] = Float(sum)
                    }
                }
            }
        }
        return transformed
    }

    /// The zero-padded copy of the input that the tiles of an outputSide map read.
    private static func paddedSide(side: Int, outputSide: Int) -> Int {
        // Tiles read 4·tiles + 2 padded rows and columns; the input needs side + 1
        // (no padding after its last row and column when the output stops before it).
        max(tile * ((outputSide + tile - 1) / tile) + 2, side + 1)
    }

    /// Floats of scratch `convolve` needs for a side×side map.
    static func scratchCount(side: Int, inChannels: Int, outChannels: Int) -> Int {
        let padded = paddedSide(side: side, outputSide: side)
        return padded * padded * inChannels + 2 * positions * (inChannels + outChannels) + positions * 16
    }

    /// Convolves a side×side×inChannels HWC map (inChannels and outChannels
    /// multiples of 16) with transformed weights, into the top left
    /// outputSide×outputSide×outChannels of the result (outputSide ≤ side).
    static func convolve(
        input: UnsafePointer<Float>, side: Int, outputSide: Int, inChannels: Int, outChannels: Int,
        transformed: UnsafePointer<Float>, biases: UnsafePointer<Float>,
        scratch: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>
    ) {
        let tiles = (outputSide + tile - 1) / tile
        let paddedSide = paddedSide(side: side, outputSide: outputSide)
        let padded = scratch
        let inputTiles = padded + paddedSide * paddedSide * inChannels  // two tiles' V, [36][inChannels] each
        let products = inputTiles + 2 * positions * inChannels  // two tiles' M, [36][outChannels] each
        let temporary = products + 2 * positions * outChannels  // 36 vectors between the two passes
        padded.update(repeating: 0, count: paddedSide * paddedSide * inChannels)
        for y in 0..<side {
            (padded + ((y + 1) * paddedSide + 1) * inChannels)
                .update(from: input + y * side * inChannels, count: side * inChannels)
        }
        let map = OutputMap(side: outputSide, channels: outChannels, biases: biases, output: output)
        for ty in 0..<tiles {
            var tx = 0
            while tx < tiles {
                let pair = tx + 1 < tiles ? 2 : 1
                for k in 0..<pair {
                    transformInput(
                        padded + (tile * ty * paddedSide + tile * (tx + k)) * inChannels,
                        rowStride: paddedSide * inChannels, channels: inChannels,
                        temporary: temporary, into: inputTiles + k * positions * inChannels)
                }
                multiply(
                    inputTiles, pair: pair, inChannels: inChannels, outChannels: outChannels,
                    transformed: transformed, into: products)
                for k in 0..<pair {
                    transformOutput(
                        products + k * positions * outChannels, temporary: temporary,
                        originX: tile * (tx + k), originY: tile * ty, map: map)
                }
                tx += pair
            }
        }
    }

    /// Bᵀ·x of six vectors x(0)…x(5), each result handed to `store(row, value)`.
    @inline(__always)
    private static func applyBT(_ x: (Int) -> SIMD16<Float>, _ store: (Int, SIMD16<Float>) -> Void) {
        let (x0, x1, x2, x3, x4, x5) = (x(0), x(1), x(2), x(3), x(4), x(5))
        store(0, 4 * x0 - 5 * x2 + x4)
        store(1, x3 + x4 - 4 * (x1 + x2))
        store(2, 4 * (x1 - x2) - x3 + x4)
        store(3, 2 * (x3 - x1) + x4 - x2)
        store(4, 2 * (x1 - x3) + x4 - x2)
        store(5, 4 * x1 - 5 * x3 + x5)
    }

    /// Aᵀ·m of six vectors m(0)…m(5), each of the four results handed to `store(row, value)`.
    @inline(__always)
    private static func applyAT(_ m: (Int) -> SIMD16<Float>, _ store: (Int, SIMD16<Float>) -> Void) {
        let (m0, m1, m2, m3, m4, m5) = (m(0), m(1), m(2), m(3), m(4), m(5))
        let (sum12, diff12, sum34, diff34) = (m1 + m2, m1 - m2, m3 + m4, m3 - m4)
        store(0, m0 + sum12 + sum34)
        store(1, diff12 + 2 * diff34)
        store(2, sum12 + 4 * sum34)
        store(3, diff12 + 8 * diff34 + m5)
    }

    /// V = Bᵀ·d·B of the 6×6 input tile at `origin`, 16 channels at a time:
    /// Bᵀ down each column into `temporary`, then along each row.
    @inline(__always)
    private static func transformInput(
        _ origin: UnsafePointer<Float>, rowStride: Int, channels: Int,
        temporary: UnsafeMutablePointer<Float>, into v: UnsafeMutablePointer<Float>
    ) {
        for c in stride(from: 0, to: channels, by: 16) {
            for j in 0..<6 {
                let column = origin + j * channels + c
                applyBT({ .load(column + $0 * rowStride) }, { i, value in value.store(temporary + (i * 6 + j) * 16) })
            }
            for i in 0..<6 {
                applyBT(
                    { .load(temporary + (i * 6 + $0) * 16) },
                    { k, value in
                        value.store(v + (i * 6 + k) * channels + c)
                    })
            }
        }
    }

    /// M[position] = Σ over input channels of V[position][i] · U[position][i],
    /// for one or two tiles; two share every weight load.
    @inline(__always)
    private static func multiply(
        _ v: UnsafePointer<Float>, pair: Int, inChannels: Int, outChannels: Int,
        transformed: UnsafePointer<Float>, into m: UnsafeMutablePointer<Float>
    ) {
        let second = positions * inChannels  // the second tile's V
        for position in 0..<positions {
            for chunk in stride(from: 0, to: outChannels, by: 16) {
                let weights = transformed + position * inChannels * outChannels + chunk
                let values = v + position * inChannels
                var (a, b) = (SIMD16<Float>.zero, SIMD16<Float>.zero)
                if pair == 2 {
                    DigitKernels.accumulatePair(
                        &a, &b, values: values, secondOffset: second, weights: weights,
                        weightStride: outChannels, count: inChannels)
                    b.store(m + (positions + position) * outChannels + chunk)
                } else {
                    DigitKernels.accumulate(
                        &a, values: values, weights: weights, weightStride: outChannels,
                        count: inChannels)
                }
                a.store(m + position * outChannels + chunk)
            }
        }
    }

    /// Where a convolution's outputs go: side×side×channels HWC, bias and ReLU on the way.
    private struct OutputMap {
        let side: Int
        let channels: Int
        let biases: UnsafePointer<Float>
        let output: UnsafeMutablePointer<Float>
    }

    /// Y = Aᵀ·M·A plus bias, ReLU, written where the 4×4 tile lies inside the map:
    /// Aᵀ down each column into `temporary`, then along each of the four rows.
    @inline(__always)
    private static func transformOutput(
        _ m: UnsafePointer<Float>, temporary: UnsafeMutablePointer<Float>,
        originX: Int, originY: Int, map: OutputMap
    ) {
        let rows = min(tile, map.side - originY), columns = min(tile, map.side - originX)
        for c in stride(from: 0, to: map.channels, by: 16) {
            for j in 0..<6 {
                applyAT(
                    { .load(m + ($0 * 6 + j) * map.channels + c) },
                    { i, value in
                        value.store(temporary + (i * 6 + j) * 16)
                    })
            }
            let bias = SIMD16<Float>.load(map.biases + c)
            for i in 0..<rows {
                let out = map.output + ((originY + i) * map.side + originX) * map.channels + c
                applyAT(
                    { .load(temporary + (i * 6 + $0) * 16) },
                    { k, value in
                        guard k < columns else { return }
                        var y = value + bias
                        y.replace(with: 0, where: y .< 0)
                        y.store(out + k * map.channels)
                    })
            }
        }
    }
}
