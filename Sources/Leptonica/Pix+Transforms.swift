import CLeptonica

extension Pix {
    /// The image turned upside down.
    public func rotated180() throws -> Pix {
        try derive("pixRotate180") { pixRotate180(nil, $0) }
    }

    /// The image rotated clockwise by `degrees` about its centre (area-mapped,
    /// white brought in at the corners, same size as the original).
    public func rotated(degrees: Double) throws -> Pix {
        let radians = Float(degrees * .pi / 180)
        return try derive("pixRotate \(degrees)°") {
            pixRotate($0, radians, Int32(L_ROTATE_AREA_MAP), Int32(L_BRING_IN_WHITE), 0, 0)
        }
    }

    /// The image scaled by `factor` (smooth for reductions, interpolated for enlargements).
    public func scaled(by factor: Double) throws -> Pix {
        guard factor > 0, factor.isFinite else { throw LeptonicaError(operation: "pixScale \(factor)") }
        return try derive("pixScale \(factor)") { pixScale($0, Float(factor), Float(factor)) }
    }
}
