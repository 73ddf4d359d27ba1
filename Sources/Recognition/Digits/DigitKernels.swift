/// The digit networks' layer kernels over HWC activations. SIMD16 vectors hold
/// 16 output channels at a time; every pointer is into the caller's scratch or
/// the network's parameters and is valid for the whole call.
enum DigitKernels {
    /// 3×3 convolution with one pixel of zero padding, bias and ReLU, of a
    /// side×side×inChannels map into outputSide×outputSide×outChannels (a
    /// multiple of 16): the top left of the side×side result, outputSide ≤ side.
    /// `padded` holds (side + 2)²·inChannels floats. With `skipZeros` (the
    /// network input, mostly background) zero inputs are skipped.
    static func convolve3x3(
        input: UnsafePointer<Float>, side: Int, outputSide: Int, inChannels: Int, outChannels: Int,
        weights: UnsafePointer<Float>, biases: UnsafePointer<Float>,
        padded: UnsafeMutablePointer<Float>, skipZeros: Bool,
        output: UnsafeMutablePointer<Float>
    ) {
        let paddedSide = side + 2
        let rowFloats = side * inChannels
        padded.update(repeating: 0, count: paddedSide * paddedSide * inChannels)
        for y in 0..<side {
            (padded + ((y + 1) * paddedSide + 1) * inChannels).update(from: input + y * rowFloats, count: rowFloats)
        }
        let kernelRow = 3 * inChannels  // one kernel row's inputs are contiguous in HWC
        for chunk in stride(from: 0, to: outChannels, by: 16) {
            let bias = SIMD16<Float>.load(biases + chunk)
            let kernel = weights + chunk
            for y in 0..<outputSide {
                let rows = padded + y * paddedSide * inChannels
                let out = output + y * outputSide * outChannels + chunk
                var x = 0
                if !skipZeros {
                    // Two neighbouring pixels at a time share every weight load.
                    while x + 1 < outputSide {
                        var (left, right) = (bias, bias)
                        for ky in 0..<3 {
                            accumulatePair(
                                &left, &right, values: rows + (ky * paddedSide + x) * inChannels,
                                secondOffset: inChannels, weights: kernel + ky * kernelRow * outChannels,
                                weightStride: outChannels, count: kernelRow)
                        }
                        left.replace(with: 0, where: left .< 0)
                        right.replace(with: 0, where: right .< 0)
                        left.store(out + x * outChannels)
                        right.store(out + (x + 1) * outChannels)
                        x += 2
                    }
                }
                for x in x..<outputSide {
                    var sum = bias
                    for ky in 0..<3 {
                        // The network input is mostly background: its zeros come in long runs.
                        accumulate(
                            &sum, values: rows + (ky * paddedSide + x) * inChannels,
                            weights: kernel + ky * kernelRow * outChannels, weightStride: outChannels,
                            count: kernelRow, skippingZeros: skipZeros)
                    }
                    sum.replace(with: 0, where: sum .< 0)
                    sum.store(out + x * outChannels)
                }
            }
        }
    }

    /// sum += Σ values[t]·w[t] for t < count, where w[t] is the 16 floats at
    /// weights + t·weightStride; with `skippingZeros` zero values are passed over.
    @inline(__always)
    static func accumulate(
        _ sum: inout SIMD16<Float>, values: UnsafePointer<Float>, weights: UnsafePointer<Float>,
        weightStride: Int, count: Int, skippingZeros: Bool = false
    ) {
        for t in 0..<count where !skippingZeros || values[t] != 0 {
            sum.add(values[t], times: .load(weights + t * weightStride))
        }
    }

    /// a += Σ values[t]·w[t] and b += Σ values[t + secondOffset]·w[t] for t < count, where
    /// w[t] is the 16 floats at weights + t·weightStride: two outputs share every weight load.
    @inline(__always)
    static func accumulatePair(
        _ a: inout SIMD16<Float>, _ b: inout SIMD16<Float>, values: UnsafePointer<Float>,
        secondOffset: Int, weights: UnsafePointer<Float>, weightStride: Int, count: Int
    ) {
        var (values, weights) = (values, weights)
        for _ in 0..<count {
            let w = SIMD16<Float>.load(weights)
            a.add(values.pointee, times: w)
            b.add(values[secondOffset], times: w)
            values += 1
            weights += weightStride
        }
    }

    /// 2×2 max-pool, stride 2, of a side×side×channels map; an odd last row
    /// and column are dropped.
    static func maxPool(input: UnsafePointer<Float>, side: Int, channels: Int, output: UnsafeMutablePointer<Float>) {
        let half = side / 2
        for y in 0..<half {
            for x in 0..<half {
                let a = input + ((2 * y) * side + 2 * x) * channels
                let b = a + channels, c = a + side * channels, d = c + channels
                let o = output + (y * half + x) * channels
                for k in 0..<channels {
                    // Selects rather than `max`, whose NaN rules cost a branch per value.
                    let ab = a[k] > b[k] ? a[k] : b[k], cd = c[k] > d[k] ? c[k] : d[k]
                    o[k] = ab > cd ? ab : cd
                }
            }
        }
    }

    /// Fully connected layer, optionally with ReLU. Row by row of the weights
    /// (contiguous), skipping the inputs that ReLU left at zero, and with them
    /// their share of the weight traffic. With ReLU, `outputs` is a multiple of 16.
    static func dense(
        input: UnsafePointer<Float>, count: Int, weights: UnsafePointer<Float>,
        biases: UnsafePointer<Float>, outputs: Int, relu: Bool, output: UnsafeMutablePointer<Float>
    ) {
        output.update(from: biases, count: outputs)
        let vectorEnd = outputs - outputs % 16
        for i in 0..<count where input[i] != 0 {
            let x = input[i]
            let row = weights + i * outputs
            for chunk in stride(from: 0, to: vectorEnd, by: 16) {
                var sum = SIMD16<Float>.load(output + chunk)
                sum.add(x, times: .load(row + chunk))
                sum.store(output + chunk)
            }
            for o in vectorEnd..<outputs { output[o] += x * row[o] }
        }
        if relu {
            for o in 0..<outputs where output[o] < 0 { output[o] = 0 }
        }
    }
}

extension SIMD16 where Scalar == Float {
    @inline(__always)
    static func load(_ pointer: UnsafePointer<Float>) -> Self {
        UnsafeRawPointer(pointer).loadUnaligned(as: Self.self)
    }

    @inline(__always)
    func store(_ pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: self, as: Self.self)
    }

    /// self += scalar · vector
    @inline(__always)
    mutating func add(_ scalar: Float, times vector: Self) { self += scalar * vector }
}
