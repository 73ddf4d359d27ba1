/// One layer of a digit network, as listed in the model file's header.
/// Activations are HWC (channels innermost); batch normalisation is folded
/// into the weights when the model is written, so none appears here.
enum DigitLayer: Sendable, Equatable {
    /// 3×3 convolution with zero padding of one pixel (the side is kept),
    /// bias, then ReLU. Weights HWIO: [3][3][in][out].
    case convolution(inChannels: Int, outChannels: Int)
    /// 2×2 max-pool with stride 2; an odd last row and column are dropped.
    case maxPool
    /// Fully connected layer over the flattened (y, x, c) activations, with
    /// or without ReLU. Weights [in][out].
    case dense(inputs: Int, outputs: Int, relu: Bool)

    /// Float count of the layer's weights and of its biases.
    var parameterCounts: (weights: Int, biases: Int) {
        switch self {
        case .convolution(let i, let o): return (9 * i * o, o)
        case .maxPool: return (0, 0)
        case .dense(let i, let o, _): return (i * o, o)
        }
    }
}

/// The activation shape between layers: side × side × channels, or a flat
/// vector (side 1).
struct ActivationShape: Sendable, Equatable {
    var side: Int
    var channels: Int

    var count: Int { side * side * channels }

    /// The shape after `layer`, or nil when the layer cannot follow this shape
    /// or the kernels do not support it (output channels of convolutions and
    /// hidden dense layers in multiples of 16).
    func after(_ layer: DigitLayer) -> ActivationShape? {
        switch layer {
        case .convolution(let i, let o):
            guard side > 1, i == channels, o > 0, o % 16 == 0 else { return nil }
            return ActivationShape(side: side, channels: o)
        case .maxPool:
            guard side >= 2 else { return nil }
            return ActivationShape(side: side / 2, channels: channels)
        case .dense(let i, let o, let relu):
            guard i == count, o > 0, !relu || o % 16 == 0 else { return nil }
            return ActivationShape(side: 1, channels: o)
        }
    }
}
