/// The binder's printed text (`Forms/binder/contents.yaml`): quick references
/// per outage level and the return-to-normal checklist. Sections may be
/// limited to some unit types.
public struct BinderContent: Sendable {
    public var title: String
    public var subtitle: String
    public var coverNote: String
    public var levels: [OutageLevel]
    public var returnToNormal: ReturnToNormal

    public struct OutageLevel: Sendable {
        public var level: String
        public var name: String
        public var sections: [Section]

        public func sections(for unit: UnitType) -> [Section] {
            sections.filter { $0.units.isEmpty || $0.units.contains(unit) }
        }
    }

    public struct Section: Sendable {
        public var heading: String
        public var items: [String]
        public var units: Set<UnitType>
    }

    public struct ReturnToNormal: Sendable {
        public var title: String
        public var intro: String
        public var items: [String]
    }
}

public enum BinderContentParser {
    public static func parse(_ text: String, file: String) throws -> BinderContent {
        let root = try YAMLReader.parse(text, file: file)
        try root.expectMapping(keys: ["title", "subtitle", "cover_note", "levels", "return"])
        let levels = try root.required("levels").items().map { node -> BinderContent.OutageLevel in
            try node.expectMapping(keys: ["level", "name", "sections"])
            let sections = try node.required("sections").items().map { s -> BinderContent.Section in
                try s.expectMapping(keys: ["heading", "items", "units"])
                return BinderContent.Section(
                    heading: try s.required("heading").nonEmptyString(),
                    items: try s.required("items").items().map {
                        try $0.nonEmptyString(maxLength: YAMLReader.paragraphLength)
                    },
                    units: Set(try s.optional("units")?.items().map { try $0.enumValue(UnitType.self) } ?? []))
            }
            return BinderContent.OutageLevel(
                level: try node.required("level").nonEmptyString(),
                name: try node.required("name").nonEmptyString(),
                sections: sections)
        }
        let back = try root.required("return")
        try back.expectMapping(keys: ["title", "intro", "items"])
        return BinderContent(
            title: try root.required("title").nonEmptyString(),
            subtitle: try root.required("subtitle").nonEmptyString(),
            coverNote: try root.required("cover_note").nonEmptyString(maxLength: YAMLReader.paragraphLength),
            levels: levels,
            returnToNormal: BinderContent.ReturnToNormal(
                title: try back.required("title").nonEmptyString(),
                intro: try back.required("intro").nonEmptyString(maxLength: YAMLReader.paragraphLength),
                items: try back.required("items").items().map {
                    try $0.nonEmptyString(maxLength: YAMLReader.paragraphLength)
                }))
    }
}
