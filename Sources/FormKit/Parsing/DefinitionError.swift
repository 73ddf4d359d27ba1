/// A form definition or configuration file that cannot be used.
///
/// The description is Swedish and names the file, the line and the key path,
/// so that the person who edited the file can find and fix the mistake.
public struct DefinitionError: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    public var line: Int?
    public var path: String
    public var message: String

    public init(file: String, line: Int?, path: String, message: String) {
        self.file = file
        self.line = line
        self.path = path
        self.message = message
    }

    public var description: String {
        var place = file
        if let line { place += ", rad \(line)" }
        if !path.isEmpty { place += " (\(path))" }
        return "\(place): \(message)"
    }
}
