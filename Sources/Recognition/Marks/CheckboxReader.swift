import Raster

/// Whether a checkbox is marked, from the ink inside its printed square.
public struct CheckboxReading: Sendable, Equatable {
    public enum State: String, Sendable {
        case marked, unmarked, unsure
    }

    public var state: State
    /// How sure the reader is of `state`, 0–1.
    public var confidence: Double
    /// The measurements the decision was made from.
    public var measurement: CheckboxMeasurement
}

/// Ink statistics of the inside of a checkbox (border excluded).
public struct CheckboxMeasurement: Sendable, Equatable {
    /// Fraction of the inside covered by ink in strokes (specks left out).
    public var strokeFraction: Double
    /// The largest stroke's bounding-box side over the inside's side.
    public var strokeExtent: Double
    /// Fraction of the inside covered by any ink, specks included.
    public var inkFraction: Double
    /// The inside found, in crop pixels.
    public var interior: PixelRect
}

/// Reads checkbox crops: the printed square plus a little margin, the square
/// anywhere in it (alignment may be off by half a millimetre or so).
///
/// Decision rule (thresholds measured on synthetic ticks, crosses, hatched
/// fills, light pens, specks and noise at 200 and 300 dpi, see
/// `CheckboxReaderTests`):
/// - strokes covering at least `solidFraction` (0.95) of the inside: a box
///   filled in solid on purpose, `marked`;
/// - strokes covering at least `scribbleFraction` of the inside, with paper
///   left between them: most often a mark scribbled over to cancel it, so
///   `unsure` (a person decides);
/// - a stroke spanning at least `markExtent` of the side, covering at least
///   `markFraction`: `marked`;
/// - no stroke longer than `speckExtent` of the side: `unmarked` (specks and
///   noise are ignored);
/// - anything between: `unsure`.
public struct CheckboxReader: Sendable {
    public var speckExtent: Double
    public var markExtent: Double
    public var markFraction: Double
    public var scribbleFraction: Double
    /// A box inked almost all over is filled in on purpose: marked. A cancelled
    /// mark (scribbled over) leaves paper between its strokes: unsure.
    public var solidFraction: Double

    /// Defaults from the measurements on a 3.9 mm inside (4.5 mm square):
    /// ticks and crosses span 0.90–1.0 of the side and cover 0.13–0.29 (light
    /// pens included), hatched fills cover 0.51–0.53, scribbles
    /// 0.82–0.83 and solid fills 1.0; specks and pen dots span at most 0.16.
    public init(
        speckExtent: Double = 0.2, markExtent: Double = 0.35, markFraction: Double = 0.03,
        scribbleFraction: Double = 0.7, solidFraction: Double = 0.95
    ) {
        self.speckExtent = speckExtent
        self.markExtent = markExtent
        self.markFraction = markFraction
        self.scribbleFraction = scribbleFraction
        self.solidFraction = solidFraction
    }

    public func read(_ crop: GreyImage) -> CheckboxReading {
        guard let measurement = measure(crop) else {
            let whole = PixelRect(x: 0, y: 0, width: crop.width, height: crop.height)
            return CheckboxReading(
                state: .unsure, confidence: 0,
                measurement: CheckboxMeasurement(
                    strokeFraction: 0, strokeExtent: 0,
                    inkFraction: 0, interior: whole))
        }
        let (state, confidence) = decide(measurement)
        return CheckboxReading(state: state, confidence: confidence, measurement: measurement)
    }

    /// The ink statistics inside the printed square, or nil when no square is found.
    public func measure(_ crop: GreyImage) -> CheckboxMeasurement? {
        guard crop.width >= 8, crop.height >= 8 else { return nil }
        let mask = InkMask(crop)
        guard let interior = PrintedSquare.interior(of: mask) else { return nil }
        let side = Double(min(interior.width, interior.height))
        let strokes = mask.components(in: interior).filter { Double($0.extent) >= speckExtent * side }
        let area = Double(interior.area)
        return CheckboxMeasurement(
            strokeFraction: Double(strokes.reduce(0) { $0 + $1.area }) / area,
            strokeExtent: Double(strokes.map(\.extent).max() ?? 0) / side,
            inkFraction: Double(mask.count(in: interior)) / area,
            interior: interior)
    }

    /// The state and a confidence that falls towards 0.5 near a threshold.
    func decide(_ m: CheckboxMeasurement) -> (CheckboxReading.State, Double) {
        if m.strokeFraction >= solidFraction {
            return (.marked, margin(m.strokeFraction, from: solidFraction, scale: 0.03))
        }
        if m.strokeFraction >= scribbleFraction {
            return (.unsure, margin(m.strokeFraction, from: scribbleFraction, scale: 0.15))
        }
        if m.strokeExtent >= markExtent, m.strokeFraction >= markFraction {
            let byExtent = margin(m.strokeExtent, from: markExtent, scale: 0.3)
            let byFraction = margin(m.strokeFraction, from: markFraction, scale: 0.04)
            let byScribble = margin(scribbleFraction, from: m.strokeFraction, scale: 0.15)
            return (.marked, min(byExtent, byFraction, byScribble))
        }
        if m.strokeExtent < speckExtent {
            return (.unmarked, max(0.5, 1 - m.inkFraction / 0.1))
        }
        return (.unsure, 0.5)
    }

    /// 0.5 at the threshold, approaching 1 as `value` exceeds `threshold` by `scale`.
    private func margin(_ value: Double, from threshold: Double, scale: Double) -> Double {
        0.5 + 0.5 * min(1, max(0, (value - threshold) / scale))
    }
}
