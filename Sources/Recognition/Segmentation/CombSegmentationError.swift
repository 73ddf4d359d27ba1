/// Why a comb field's boxes could not be found; `description` is Swedish.
public enum CombSegmentationError: Error, Equatable, CustomStringConvertible {
    /// No comb borders at all (no two horizontal lines with box borders between them).
    case noBoxes(expected: Int)
    /// Borders found, but not the expected number of boxes.
    case wrongBoxCount(found: Int, expected: Int)

    public var description: String {
        switch self {
        case .noBoxes(let expected):
            return "Hittar inga rutor i bilden (fältet ska ha \(expected))."
        case .wrongBoxCount(let found, let expected):
            return "Hittade \(found) rutor men fältet ska ha \(expected)."
        }
    }
}
