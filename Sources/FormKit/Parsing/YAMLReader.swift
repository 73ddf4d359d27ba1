import Yams

/// Walks a YAML document node by node and reports every mistake with the file,
/// line and key path it was found at. Used instead of `Decodable` so that the
/// messages can name the line and be written in Swedish.
struct YAMLReader {
    let file: String
    let node: Node
    let path: String

    /// Parses `text`; a syntax error becomes a `DefinitionError` with its line.
    static func parse(_ text: String, file: String) throws -> YAMLReader {
        let composed: Node?
        do {
            composed = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            let line = Self.line(of: error)
            if let line, Self.indentation(ofLine: line, in: text).contains("\t") {
                throw DefinitionError(
                    file: file, line: line, path: Self.key(onLine: line, of: text),
                    message: "ogiltig YAML: tabbtecken i indraget; YAML drar in med mellanslag")
            }
            throw DefinitionError(
                file: file, line: line, path: line.map { Self.key(onLine: $0, of: text) } ?? "",
                message: "ogiltig YAML: \(YAMLProblem.swedish(Self.problem(of: error)))")
        } catch {
            throw DefinitionError(file: file, line: nil, path: "", message: "filen kan inte tolkas som YAML")
        }
        guard let root = composed else {
            throw DefinitionError(file: file, line: nil, path: "", message: "filen är tom")
        }
        return YAMLReader(file: file, node: root, path: "")
    }

    /// The whitespace a line (1-based) begins with.
    static func indentation(ofLine line: Int, in text: String) -> Substring {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 1, line <= lines.count else { return "" }
        return lines[line - 1].prefix { $0 == " " || $0 == "\t" }
    }

    /// The key written on `line` (1-based) of `text`, for the message: the
    /// last `key:` before the place the parser stopped, or "".
    static func key(onLine line: Int, of text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 1, line <= lines.count else { return "" }
        var keys: [Substring] = []
        for part in lines[line - 1].split(whereSeparator: { "{,[-".contains($0) }) {
            guard let colon = part.firstIndex(of: ":") else { continue }
            let key = part[..<colon].trimmingCharacters(in: .whitespaces)
            if !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) {
                keys.append(Substring(key))
            }
        }
        return keys.last.map(String.init) ?? ""
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default:
            return "\(error)"
        }
    }

    var line: Int? { node.mark?.line }

    func fail(_ message: String) -> DefinitionError {
        DefinitionError(file: file, line: line, path: path, message: message)
    }

    private func childPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    // MARK: Mappings

    /// Fails unless the node is a mapping whose keys are all in `allowed`.
    func expectMapping(keys allowed: Set<String>) throws {
        guard let mapping = node.mapping else { throw fail("väntade en samling nyckel: värde") }
        for (key, _) in mapping {
            guard let name = key.string else { throw fail("nycklar måste vara text") }
            if !allowed.contains(name) {
                let known = allowed.sorted().joined(separator: ", ")
                throw DefinitionError(
                    file: file, line: key.mark?.line, path: childPath(name),
                    message: "okänd nyckel \"\(name)\" (tillåtna: \(known))")
            }
        }
    }

    func optional(_ key: String) -> YAMLReader? {
        guard let child = node.mapping?[key] else { return nil }
        if case .scalar(let s) = child, s.style == .plain, ["", "~", "null", "Null", "NULL"].contains(s.string) {
            return nil
        }
        return YAMLReader(file: file, node: child, path: childPath(key))
    }

    func required(_ key: String) throws -> YAMLReader {
        guard let child = optional(key) else { throw fail("nyckeln \"\(key)\" saknas") }
        return child
    }

    /// The mapping's entries in file order.
    func entries() throws -> [(key: String, value: YAMLReader)] {
        guard let mapping = node.mapping else { throw fail("väntade en samling nyckel: värde") }
        return try mapping.map { key, value in
            guard let name = key.string else { throw fail("nycklar måste vara text") }
            return (name, YAMLReader(file: file, node: value, path: childPath(name)))
        }
    }

    // MARK: Sequences

    func items() throws -> [YAMLReader] {
        guard let sequence = node.sequence else { throw fail("väntade en lista") }
        return sequence.enumerated().map { index, child in
            YAMLReader(file: file, node: child, path: "\(path)[\(index)]")
        }
    }

    // MARK: Scalars

    func string() throws -> String {
        guard case .scalar(let scalar) = node else { throw fail("väntade en text") }
        return scalar.string
    }

    /// A name, a label, a phone number: a line of text.
    static let lineLength = 200
    /// A paragraph of the binder's text.
    static let paragraphLength = 4000

    /// The text, trimmed; refused when empty or longer than `maxLength`
    /// characters (a runaway value would break the printed page far from here).
    func nonEmptyString(maxLength: Int = lineLength) throws -> String {
        let value = try string().trimmingWhitespace()
        guard !value.isEmpty else { throw fail("får inte vara tom") }
        guard value.count <= maxLength else {
            throw fail("värdet är för långt: \(value.count) tecken, högst \(maxLength)")
        }
        return value
    }

    func int(in range: ClosedRange<Int>) throws -> Int {
        guard case .scalar = node, let value = node.int else {
            throw fail("väntade ett heltal, fick \"\((try? string()) ?? "?")\"")
        }
        guard range.contains(value) else {
            throw fail("måste vara ett heltal mellan \(range.lowerBound) och \(range.upperBound), fick \(value)")
        }
        return value
    }

    func double(in range: ClosedRange<Double>) throws -> Double {
        guard case .scalar = node, let value = node.float ?? node.int.map(Double.init) else {
            throw fail("väntade ett tal, fick \"\((try? string()) ?? "?")\"")
        }
        guard range.contains(value) else {
            throw fail("måste vara mellan \(range.lowerBound) och \(range.upperBound), fick \(value)")
        }
        return value
    }

    func bool() throws -> Bool {
        guard case .scalar = node, let value = node.bool else {
            throw fail("väntade true eller false, fick \"\((try? string()) ?? "?")\"")
        }
        return value
    }

    /// A string that must be one of the raw values of `T`.
    func enumValue<T: RawRepresentable & CaseIterable>(_ type: T.Type) throws -> T where T.RawValue == String {
        let raw = try string()
        guard let value = T(rawValue: raw) else {
            let known = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw fail("okänt värde \"\(raw)\" (tillåtna: \(known))")
        }
        return value
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
