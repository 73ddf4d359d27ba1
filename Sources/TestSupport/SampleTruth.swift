import Foundation

/// The ground truth of the committed sample scans (`SampleScans/truth.json`,
/// written by `SampleScans/generate.py`), as far as tests need it.
public struct SampleTruth: Decodable, Sendable {
    public struct Page: Decodable, Sendable {
        public struct Ref: Decodable, Sendable {
            public let file: String
            public let page: Int
        }
        public let file: String
        public let page: Int
        public let kind: String
        public let form: String?
        public let duplicateOf: Ref?
        public let fields: [String: Text]?

        enum CodingKeys: String, CodingKey {
            case file, page, kind, form, fields
            case duplicateOf = "duplicate_of"
        }
    }

    /// A ground-truth value: text, or nil for anything else (booleans, lists, null).
    public struct Text: Decodable, Sendable {
        public let value: String?
        public init(from decoder: Decoder) throws { value = try? decoder.singleValueContainer().decode(String.self) }
    }

    public let pages: [Page]

    public static var exists: Bool {
        FileManager.default.fileExists(atPath: RepositoryPaths.sampleScans.appendingPathComponent("truth.json").path)
    }

    public static func load() throws -> SampleTruth {
        try JSONDecoder().decode(
            SampleTruth.self,
            from: Data(
                contentsOf: RepositoryPaths.sampleScans
                    .appendingPathComponent("truth.json")))
    }

    /// The written value of `field` on page `page` (1-based) of `file`; nil when empty.
    public func value(file: String, page: Int, field: String) -> String? {
        pages.first { $0.file == file && $0.page == page }?.fields?[field]?.value
    }
}
