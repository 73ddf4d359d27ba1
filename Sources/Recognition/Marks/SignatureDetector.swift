import Raster

/// Whether a signature area holds a signature.
public struct SignatureReading: Sendable, Equatable {
    public var isPresent: Bool
    /// How sure the detector is of `isPresent`, 0–1.
    public var confidence: Double
    public var measurement: SignatureMeasurement
}

/// Ink statistics of a signature area after printed lines and specks are removed.
public struct SignatureMeasurement: Sendable, Equatable {
    /// Ink in strokes over the square of the crop's height (resolution-free:
    /// a 0.4 mm pen over 60 mm of writing in a 15 mm high box gives about 0.1).
    public var strokeInk: Double
    /// Horizontal span of the strokes over the crop's height.
    public var span: Double
    /// Number of strokes (connected pieces of ink larger than specks).
    public var strokes: Int
}

/// Detects a signature from the ink in its area: the printed rectangle and
/// ruling lines are erased (long straight runs), specks and noise are dropped
/// (pieces smaller than `speckExtent` of the height), and what remains must
/// be enough ink spread wide enough.
///
/// Measured on synthetic 70 × 15 mm areas at 200 and 300 dpi (see
/// `SignatureDetectorTests`): signatures, light pens included, give
/// strokeInk 0.12–0.15 and span 2.6–3.0; bare initials 0.025 and 0.5; a
/// stray 4 mm pen dash about 0.005 and 0.25; empty areas with border,
/// writing line, noise and specks 0.
public struct SignatureDetector: Sendable {
    public var speckExtent: Double
    public var presentInk: Double
    public var presentSpan: Double

    public init(speckExtent: Double = 0.08, presentInk: Double = 0.008, presentSpan: Double = 0.3) {
        self.speckExtent = speckExtent
        self.presentInk = presentInk
        self.presentSpan = presentSpan
    }

    public func read(_ crop: GreyImage) -> SignatureReading {
        let m = measure(crop)
        let byInk = (m.strokeInk - presentInk) / presentInk
        let bySpan = (m.span - presentSpan) / presentSpan
        if m.strokeInk >= presentInk, m.span >= presentSpan {
            return SignatureReading(isPresent: true, confidence: 0.5 + 0.5 * min(1, byInk, bySpan), measurement: m)
        }
        // Absent: the more clearly below either threshold, the surer.
        let shortfall = max(-byInk, -bySpan)
        return SignatureReading(
            isPresent: false, confidence: 0.5 + 0.5 * min(1, max(0, shortfall) * 1.25),
            measurement: m)
    }

    public func measure(_ crop: GreyImage) -> SignatureMeasurement {
        guard crop.width >= 4, crop.height >= 4 else { return SignatureMeasurement(strokeInk: 0, span: 0, strokes: 0) }
        var mask = InkMask(crop)
        mask.eraseRulingLines()
        let height = Double(crop.height)
        let whole = PixelRect(x: 0, y: 0, width: crop.width, height: crop.height)
        let strokes = mask.components(in: whole).filter {
            Double($0.extent) >= speckExtent * height && min($0.maxX - $0.minX, $0.maxY - $0.minY) + 1 > 2
        }
        guard let left = strokes.map(\.minX).min(), let right = strokes.map(\.maxX).max() else {
            return SignatureMeasurement(strokeInk: 0, span: 0, strokes: 0)
        }
        return SignatureMeasurement(
            strokeInk: Double(strokes.reduce(0) { $0 + $1.area }) / (height * height),
            span: Double(right - left + 1) / height, strokes: strokes.count)
    }
}
