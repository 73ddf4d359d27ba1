/// The unit a binder is printed for: its name and type, the people to call,
/// and how many blank sheets of each form to print. Read from a YAML file
/// (schema in `docs/configuration.md`); `Forms/units/example.yaml` is the
/// built-in default, with invented people.
public struct UnitConfiguration: Sendable {
    public var name: String
    public var administration: String
    public var type: UnitType
    public var contacts: [Contact]
    /// Sheets per form id, overriding the defaults.
    public var sheets: [String: Int]
    /// Line of each `sheets` entry, for messages about unknown forms.
    public var sheetLines: [String: Int]
    public var sourceFile: String
    /// The running total of ICA payments at which the unit reconciles the
    /// account with the ekonomichef (the plan: when it nears 75 000 kr).
    public var icaWarningLevel: Int?

    public init(
        name: String, administration: String, type: UnitType, contacts: [Contact],
        sheets: [String: Int], sheetLines: [String: Int] = [:], sourceFile: String, icaWarningLevel: Int? = nil
    ) {
        self.icaWarningLevel = icaWarningLevel
        self.name = name
        self.administration = administration
        self.type = type
        self.contacts = contacts
        self.sheets = sheets
        self.sheetLines = sheetLines
        self.sourceFile = sourceFile
    }

    public func contacts(withRole role: ContactRole) -> [Contact] { contacts.filter { $0.role == role } }

    /// How many sheets of `form` the binder holds.
    public func sheetCount(for form: FormDefinition) -> Int {
        if let n = sheets[form.id] { return n }
        switch form.kind {
        case .list: return 3
        case .template: return 2
        case .continuation: return 4
        case .contacts, .calibration: return 1
        }
    }

    /// Fails when `sheets` names a form that does not exist.
    public func check(against catalog: FormCatalog) throws {
        for id in sheets.keys.sorted() where catalog.form(id) == nil {
            throw DefinitionError(
                file: sourceFile, line: sheetLines[id], path: "sheets.\(id)",
                message: "okänd blankett \"\(id)\" (finns: \(catalog.forms.map(\.id).joined(separator: ", ")))")
        }
    }
}

public struct Contact: Sendable, Equatable {
    public var role: ContactRole
    public var name: String
    public var unit: String?
    public var phone: String?
    public var email: String?

    public init(role: ContactRole, name: String, unit: String? = nil, phone: String? = nil, email: String? = nil) {
        self.role = role
        self.name = name
        self.unit = unit
        self.phone = phone
        self.email = email
    }

    public func value(_ attribute: ContactAttribute) -> String? {
        switch attribute {
        case .name: return name
        case .unit: return unit
        case .phone: return phone
        case .email: return email
        case .role: return role.swedishName
        }
    }
}

public enum ContactRole: String, CaseIterable, Sendable {
    case enhetschef, arbetsledare, sakerhetssamordnare, informationssakerhetssamordnare
    case paraplysamordnare, kassaforvaltare, ekonomichef, redovisningsansvarig, sjukskoterska, support

    public var swedishName: String {
        switch self {
        case .enhetschef: return "Enhetschef"
        case .arbetsledare: return "Arbetsledare"
        case .sakerhetssamordnare: return "Säkerhetssamordnare"
        case .informationssakerhetssamordnare: return "Informationssäkerhetssamordnare"
        case .paraplysamordnare: return "Paraplysamordnare"
        case .kassaforvaltare: return "Kassaförvaltare"
        case .ekonomichef: return "Ekonomichef"
        case .redovisningsansvarig: return "Redovisningsansvarig"
        case .sjukskoterska: return "Ansvarig sjuksköterska"
        case .support: return "IT-support"
        }
    }
}

public enum UnitConfigurationParser {
    public static func parse(_ text: String, file: String) throws -> UnitConfiguration {
        let root = try YAMLReader.parse(text, file: file)
        try root.expectMapping(keys: ["unit", "contacts", "sheets", "ica_account"])
        let unit = try root.required("unit")
        try unit.expectMapping(keys: ["name", "administration", "type"])
        var contacts: [Contact] = []
        for item in try root.optional("contacts")?.items() ?? [] {
            try item.expectMapping(keys: ["role", "name", "unit", "phone", "email"])
            contacts.append(
                Contact(
                    role: try item.required("role").enumValue(ContactRole.self),
                    name: try item.required("name").nonEmptyString(),
                    unit: try item.optional("unit")?.nonEmptyString(),
                    phone: try item.optional("phone")?.nonEmptyString(),
                    email: try item.optional("email")?.nonEmptyString()))
        }
        var sheets: [String: Int] = [:]
        var lines: [String: Int] = [:]
        for (key, value) in try root.optional("sheets")?.entries() ?? [] {
            sheets[key] = try value.int(in: 0...100)
            lines[key] = value.line
        }
        let ica = try root.optional("ica_account").map { node in
            try node.expectMapping(keys: ["warn_at"])
            return try node.required("warn_at").int(in: 1...10_000_000)
        }
        return UnitConfiguration(
            name: try unit.required("name").nonEmptyString(),
            administration: try unit.required("administration").nonEmptyString(),
            type: try unit.required("type").enumValue(UnitType.self),
            contacts: contacts, sheets: sheets, sheetLines: lines, sourceFile: file, icaWarningLevel: ica)
    }
}
