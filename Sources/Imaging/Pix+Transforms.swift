import CLeptonica

extension Pix {
    /// The image turned upside down.
    public func rotated180() throws -> Pix {
        try Pix.taking(pixRotate180(nil, pointer), "pixRotate180")
    }

    /// The image rotated clockwise by `degrees` about its centre (area-mapped,
    /// white brought in at the corners, same size as the original).
    public func rotated(degrees: Double) throws -> Pix {
        let radians = Float(degrees * .pi / 180)
        return try Pix.taking(
            pixRotate(pointer, radians, Int32(L_ROTATE_AREA_MAP), Int32(L_BRING_IN_WHITE), 0, 0),
            "pixRotate \(degrees)°")
    }

    /// The image scaled by `factor` (smooth for reductions, interpolated for enlargements).
    public func scaled(by factor: Double) throws -> Pix {
        guard factor > 0, factor.isFinite else { throw ImagingError.leptonica(operation: "pixScale \(factor)") }
        return try Pix.taking(pixScale(pointer, Float(factor), Float(factor)), "pixScale \(factor)")
    }
}
