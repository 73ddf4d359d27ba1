/// A Leptonica operation on an image in memory failed (Leptonica returned
/// null or an error status). Leptonica's own messages are silenced; this
/// names the operation, in Swedish.
public struct LeptonicaError: Error, Equatable, Sendable, CustomStringConvertible {
    public var operation: String
    public init(operation: String) { self.operation = operation }
    public var description: String { "Bildbehandlingen misslyckades (\(operation))." }
}
