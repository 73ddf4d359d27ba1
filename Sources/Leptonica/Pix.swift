import CLeptonica

/// Owns one Leptonica `PIX*` and destroys it when the Swift value goes away.
public final class Pix {
    package let pointer: UnsafeMutablePointer<PIX>

    /// Takes ownership of `pointer`.
    package init(owning pointer: UnsafeMutablePointer<PIX>) {
        self.pointer = pointer
    }

    /// Takes ownership of a Leptonica result, or throws naming the operation
    /// when Leptonica returned null.
    package static func taking(_ pointer: UnsafeMutablePointer<PIX>?, _ operation: String) throws -> Pix {
        guard let pointer else { throw LeptonicaError(operation: operation) }
        return Pix(owning: pointer)
    }

    deinit { avb_pix_destroy(pointer) }

    /// A new image made from this one by a Leptonica function; `self` stays
    /// alive while the function runs.
    package func derive(_ operation: String, _ make: (UnsafeMutablePointer<PIX>) -> UnsafeMutablePointer<PIX>?) throws
        -> Pix
    {
        try withExtendedLifetime(self) { try Pix.taking(make(pointer), operation) }
    }

    public var width: Int { Int(pixGetWidth(pointer)) }
    public var height: Int { Int(pixGetHeight(pointer)) }
    public var depth: Int { Int(pixGetDepth(pointer)) }

    /// The horizontal resolution stored with the image, or nil when absent.
    public var dpi: Double? {
        let x = pixGetXRes(pointer)
        return x > 0 ? Double(x) : nil
    }

    /// Makes Leptonica quiet once per process: its failures surface as thrown
    /// Swift errors instead of stderr lines.
    package static let silenced: Void = { avb_lept_silence() }()
}
