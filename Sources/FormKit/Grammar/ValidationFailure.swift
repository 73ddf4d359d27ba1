/// Why a value, typed or read, is not a valid value of its pattern.
/// `reason` is shown to the reviewer, in Swedish.
public struct ValidationFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// How far the value got before it failed; a later kind is a more specific finding.
    public enum Kind: Int, Sendable, Comparable {
        /// Wrong characters, wrong length, blanks where digits are needed.
        case format
        /// The personnummer's Luhn check digit does not match.
        case checkDigit
        /// Not a real date or time of day.
        case calendar
        /// A real date, but not a plausible one (future birth, age over 120, year out of range).
        case range

        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public var kind: Kind
    public var reason: String

    public init(_ kind: Kind, _ reason: String) {
        self.kind = kind
        self.reason = reason
    }

    public var description: String { reason }
}
