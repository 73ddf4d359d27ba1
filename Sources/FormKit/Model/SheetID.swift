/// The identity of one printed sheet, carried by its 2D code and printed in
/// plain text beside it: which form (and version), which print run of the
/// binder, and the sheet's serial number within that run.
public struct SheetID: Hashable, Sendable, CustomStringConvertible {
    public static let protocolTag = "AVB1"
    /// Characters used in binder ids: no 0/O, 1/I/L, 2/Z, 5/S, 8/B look-alikes.
    public static let binderAlphabet = Array("ACDEFGHJKMNPQRTUVWXY3479")

    public var form: String
    public var version: Int
    public var binder: String
    public var serial: Int

    public init(form: String, version: Int, binder: String, serial: Int) {
        self.form = form
        self.version = version
        self.binder = binder
        self.serial = serial
    }

    /// The text stored in the 2D code, e.g. `AVB1:bilaga-3:1:K7M3QX:0004`.
    public var payload: String {
        "\(Self.protocolTag):\(form):\(version):\(binder):\(Self.pad(serial))"
    }

    /// The id as printed for people, e.g. `bilaga-3 v1 · K7M3QX-0004`.
    public var description: String { "\(form) v\(version) · \(printedID)" }

    /// "K7M3QX-0002": the binder and the sheet's number, as printed under the code.
    public var printedID: String { "\(binder)-\(Self.pad(serial))" }

    /// Parses a decoded 2D code; nil for anything that is not one of ours.
    /// A stored sheet code as printed in its footer ("K7M3QX-0002"); the code itself when it is not one of ours.
    public static func printed(_ payload: String?) -> String? {
        payload.map { SheetID(payload: $0)?.printedID ?? $0 }
    }

    public init?(payload: String) {
        let parts = payload.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 5, parts[0] == Self.protocolTag, Self.isValidFormID(parts[1]),
            let version = Int(parts[2]), version > 0,
            Self.isValidBinderID(parts[3]), let serial = Int(parts[4]), serial > 0
        else { return nil }
        self.init(form: parts[1], version: version, binder: parts[3], serial: serial)
    }

    /// An id as `Forms/` allows it (forms, fields): lower-case ASCII letters,
    /// digits, `-` and `_`, beginning with a letter.
    public static func isValidFormID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, ("a"..."z").contains(first), id.count <= 64 else { return false }
        return id.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
        }
    }

    public static func isValidBinderID(_ id: String) -> Bool {
        id.count == 6 && id.allSatisfy { binderAlphabet.contains($0) }
    }

    /// A new random binder id.
    public static func randomBinderID() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<6).map { _ in binderAlphabet.randomElement(using: &generator) ?? "A" })
    }

    private static func pad(_ n: Int) -> String {
        let s = String(n)
        return s.count >= 4 ? s : String(repeating: "0", count: 4 - s.count) + s
    }
}
