/// One form of the binder, exactly as its file in `Forms/` describes it.
///
/// A definition holds no coordinates beyond the widths its author chose: the
/// `LayoutEngine` turns it into a `SheetLayout`, which both the printer and the
/// scanner use.
public struct FormDefinition: Sendable {
    public var id: String
    public var version: Int
    /// Short name printed above the title, e.g. "Bilaga 3".
    public var label: String?
    public var title: String
    public var kind: FormKind
    public var orientation: PaperOrientation
    /// The unit types whose binder holds this form.
    public var units: Set<UnitType>
    /// Where records of this form are registered after the outage.
    public var registration: Registration?
    /// Things handed out and returned instead of a registration (bilaga 2).
    public var custody: Custody?
    /// Which fields say whom a record is about, who wrote it and when: for
    /// worklists and for finding a client's records across forms.
    public var client: ClientFields?
    public var blocks: [Block]
    /// Checks across fields (running totals, durations, date order).
    public var checks: [CrossCheck]
    /// The file the definition was read from, for messages.
    public var sourceFile: String

    public init(
        id: String, version: Int, label: String?, title: String, kind: FormKind,
        orientation: PaperOrientation, units: Set<UnitType>, registration: Registration?,
        custody: Custody? = nil, client: ClientFields? = nil, blocks: [Block], checks: [CrossCheck],
        sourceFile: String
    ) {
        self.client = client
        self.id = id
        self.version = version
        self.label = label
        self.title = title
        self.kind = kind
        self.orientation = orientation
        self.units = units
        self.registration = registration
        self.custody = custody
        self.blocks = blocks
        self.checks = checks
        self.sourceFile = sourceFile
    }

    /// Every field the form defines, table columns once (not per row).
    public var allFieldDefinitions: [FieldDefinition] {
        blocks.flatMap { block -> [FieldDefinition] in
            switch block {
            case .fields(let fields): return fields
            case .table(let table): return table.columns
            case .lines(let lines): return [lines.field]
            case .heading, .note, .calibration: return []
            }
        }
    }

    public var table: TableDefinition? {
        for case .table(let table) in blocks { return table }
        return nil
    }
}

public enum FormKind: String, CaseIterable, Codable, Sendable {
    /// A list with one record per filled row (bilagor 2–5, reservblankett).
    case list
    /// A document template: one record per sheet.
    case template
    /// A continuation sheet for a template's free text.
    case continuation
    /// A contact list printed already filled in (bilaga 1).
    case contacts
    /// The calibration sheet with rulers.
    case calibration
}

/// The kinds of unit a binder is printed for; each decides which forms it holds.
public enum UnitType: String, CaseIterable, Codable, Sendable {
    /// Utrednings- och beställarenhet.
    case utredning
    /// Utförarenhet i egen regi (hemtjänst, boenden).
    case utforare
    /// HSL-verksamhet.
    case hsl

    public var swedishName: String {
        switch self {
        case .utredning: return "Utrednings- och beställarenhet"
        case .utforare: return "Utförarenhet"
        case .hsl: return "HSL-verksamhet"
        }
    }
}

/// A vertical section of a sheet.
public enum Block: Sendable {
    case heading(String)
    case note(String)
    case fields([FieldDefinition])
    case table(TableDefinition)
    case lines(LinesDefinition)
    case calibration
}

public enum FieldKind: String, CaseIterable, Codable, Sendable {
    case digits, text, choice, signature
}

/// What a `digits` field holds; decides the box groups and the validation.
public enum DigitPattern: String, CaseIterable, Codable, Sendable {
    case personnummer, date, amount, time, number

    /// Box counts allowed for the pattern, the first one the default.
    public var allowedBoxCounts: [Int] {
        switch self {
        case .personnummer: return [10, 12]
        case .date: return [6, 8]
        case .time: return [4]
        case .amount: return [6, 1, 2, 3, 4, 5, 7, 8, 9]
        case .number: return Array(1...16)
        }
    }

    /// How `boxes` boxes are grouped on paper and what is printed between groups.
    public func groups(boxes: Int) -> (sizes: [Int], separator: String) {
        switch (self, boxes) {
        case (.personnummer, 12): return ([8, 4], "–")
        case (.personnummer, _): return ([6, 4], "–")
        case (.date, 8): return ([4, 2, 2], "")
        case (.date, _): return ([2, 2, 2], "")
        case (.time, _): return ([2, 2], ":")
        default: return ([boxes], "")
        }
    }
}

public struct ChoiceOption: Codable, Hashable, Sendable {
    public var value: String
    public var label: String
    public init(value: String, label: String) {
        self.value = value
        self.label = label
    }
}

public struct FieldDefinition: Sendable {
    public var id: String
    public var label: String
    public var kind: FieldKind
    public var pattern: DigitPattern?
    public var boxes: Int?
    /// Width in millimetres for text, signature and choice fields (digits size themselves).
    public var width: Double?
    public var options: [ChoiceOption]
    /// Whether a choice may have several options marked.
    public var multiple: Bool
    /// Option grid columns for a choice field.
    public var optionColumns: Int?
    public var required: Bool
    /// Table columns sharing a group get one spanning heading.
    public var group: String?
    /// A hint printed small under the label, e.g. "ÅÅMMDD-NNNN".
    public var hint: String?

    public init(
        id: String, label: String, kind: FieldKind, pattern: DigitPattern? = nil,
        boxes: Int? = nil, width: Double? = nil, options: [ChoiceOption] = [],
        multiple: Bool = false, optionColumns: Int? = nil, required: Bool = false,
        group: String? = nil, hint: String? = nil
    ) {
        self.id = id
        self.label = label
        self.kind = kind
        self.pattern = pattern
        self.boxes = boxes
        self.width = width
        self.options = options
        self.multiple = multiple
        self.optionColumns = optionColumns
        self.required = required
        self.group = group
        self.hint = hint
    }

    /// The number of comb boxes of a digits field.
    public var boxCount: Int { boxes ?? pattern?.allowedBoxCounts.first ?? 1 }
}

public enum Count: Sendable, Equatable {
    case fixed(Int)
    /// As many as fit on the rest of the sheet.
    case fill
}

public struct TableDefinition: Sendable {
    public var rows: Count
    public var rowHeight: Double
    public var columns: [FieldDefinition]
    /// Rows printed already filled in from the unit configuration.
    public var prefill: Prefill?

    public init(rows: Count, rowHeight: Double, columns: [FieldDefinition], prefill: Prefill? = nil) {
        self.rows = rows
        self.rowHeight = rowHeight
        self.columns = columns
        self.prefill = prefill
    }
}

/// Rows filled from the unit configuration's contacts with one role.
public struct Prefill: Sendable {
    public var role: String
    /// Column id → contact attribute (name, unit, phone, email).
    public var columns: [String: ContactAttribute]
    public init(role: String, columns: [String: ContactAttribute]) {
        self.role = role
        self.columns = columns
    }
}

public enum ContactAttribute: String, CaseIterable, Sendable {
    case name, unit, phone, email, role
}

/// A ruled area for handwritten free text; one `text` field.
public struct LinesDefinition: Sendable {
    public var field: FieldDefinition
    public var count: Count
    public var spacing: Double
    public init(field: FieldDefinition, count: Count, spacing: Double) {
        self.field = field
        self.count = count
        self.spacing = spacing
    }
}

/// Where and by when a form's records are entered into the real systems
/// (the plan's table *Where things are registered*): routes chosen by the
/// unit's type and, where the sheet says so, by a row's own choice.
public struct Registration: Sendable, Equatable {
    public var routes: [RegistrationRoute]
    /// Fields where the paper itself records the registration (bilaga 3's
    /// "Inregistrerad i Paraplyet"): filled in, they are the registration.
    public var paper: PaperRegistration?

    public init(routes: [RegistrationRoute], paper: PaperRegistration? = nil) {
        self.routes = routes
        self.paper = paper
    }

    /// The route for a record of a unit of type `unit`, whose fields read
    /// `value`: the first route for that unit type whose condition holds.
    /// The one place this is decided.
    public func route(unit: UnitType, value: (String) -> FieldValue) -> RegistrationRoute? {
        routes.first { route in
            guard route.units.contains(unit) else { return false }
            guard let condition = route.condition else { return true }
            guard case .choices(let chosen) = value(condition.field) else { return false }
            return !condition.values.isDisjoint(with: chosen)
        }
    }
}

extension FormDefinition {
    /// A route's condition as a person reads it: "Lagrum: SoL".
    public func conditionText(_ condition: RegistrationRoute.Condition) -> String {
        let field = allFieldDefinitions.first { $0.id == condition.field }
        let labels =
            field?.options.filter { condition.values.contains($0.value) }.map(\.label) ?? condition.values.sorted()
        return "\(field?.label ?? condition.field): \(labels.joined(separator: "/"))"
    }
}

public struct RegistrationRoute: Sendable, Equatable {
    public struct Condition: Sendable, Equatable {
        /// A choice field of the record.
        public var field: String
        /// The route applies when one of these options is marked.
        public var values: Set<String>
        public init(field: String, values: Set<String>) {
            self.field = field
            self.values = values
        }
    }

    public var units: Set<UnitType>
    public var condition: Condition?
    public var system: String
    public var deadline: Deadline
    /// Who registers, when the plan names a role ("arbetsledaren").
    public var by: String?

    public init(
        units: Set<UnitType>, condition: Condition? = nil, system: String, deadline: Deadline, by: String? = nil
    ) {
        self.units = units
        self.condition = condition
        self.system = system
        self.deadline = deadline
        self.by = by
    }
}

/// The fields that say whom a record is about (name, personnummer), who is
/// responsible (the handläggare; on a list, a field of the sheet's own), and
/// the document's date. Each optional.
public struct ClientFields: Sendable, Equatable {
    public var name: String?
    public var personnummer: String?
    public var officer: String?
    public var date: String?
    public init(name: String?, personnummer: String?, officer: String?, date: String?) {
        self.name = name
        self.personnummer = personnummer
        self.officer = officer
        self.date = date
    }
}

/// The fields in which the paper records its own registration.
public struct PaperRegistration: Sendable, Equatable {
    public var date: String
    /// A name or initials (text) or a signature.
    public var sign: String
    public init(date: String, sign: String) {
        self.date = date
        self.sign = sign
    }
}

/// A list of things handed out and returned (bilaga 2's USB sticks): not
/// registered anywhere; a row is done when the thing is back, its contents
/// entered and wiped, with a date and a signature.
public struct Custody: Sendable, Equatable {
    /// What is handed out (its number), to whom, where, when.
    public var item: String
    public var holder: String
    public var workplace: String?
    public var issued: String?
    /// The date and signature that say it is back, entered and wiped.
    public var returned: String
    public var returnedSignature: String
    /// Where it goes when it is done (a role of the unit's contacts).
    public var returnTo: String

    /// `returnTo` as a person reads it, "informationssäkerhetssamordnare".
    public var returnToName: String {
        (ContactRole(rawValue: returnTo)?.swedishName ?? returnTo).lowercased()
    }

    public init(
        item: String, holder: String, workplace: String?, issued: String?, returned: String,
        returnedSignature: String, returnTo: String
    ) {
        self.item = item
        self.holder = holder
        self.workplace = workplace
        self.issued = issued
        self.returned = returned
        self.returnedSignature = returnedSignature
        self.returnTo = returnTo
    }
}

public enum Deadline: Sendable, Equatable {
    /// "As soon as the systems are back": the plan gives no day count.
    case assoonAsPossible
    /// At once, the day the outage ends.
    case immediately
    case calendarDays(Int)
    case workingDays(Int)
    /// The plan sets no deadline.
    case none
}

/// Checks across fields of a record or across the rows of a list.
public enum CrossCheck: Sendable, Equatable {
    /// Each row's `total` equals the previous row's total plus its `amount`,
    /// across sheets too; `threshold` is when a reconciliation is due. A
    /// sheet's first row continues from its `carried` field, which must equal
    /// the last total of the sheet numbered one less in `sheetNumber`.
    case runningTotal(amount: String, total: String, threshold: Int?, carried: String?, sheetNumber: String?)
    /// `minutes` equals `end` − `start`.
    case duration(start: String, end: String, minutes: String)
    /// The date in `earlier` is not after the date in `later`.
    case dateOrder(earlier: String, later: String)
    /// The amounts in `parts` (an empty one counts as 0) add up to `total`.
    case sum(parts: [String], total: String)
}
