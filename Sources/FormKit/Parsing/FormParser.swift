/// Reads one form definition file (YAML) into a `FormDefinition`.
///
/// The schema is documented in `docs/forms.md`. Every mistake is reported as a
/// `DefinitionError` naming the file, the line and the key.
public enum FormParser {
    public static func parse(_ text: String, file: String) throws -> FormDefinition {
        let root = try YAMLReader.parse(text, file: file)
        try root.expectMapping(keys: [
            "id", "version", "label", "title", "kind", "orientation",
            "units", "registration", "custody", "client", "blocks", "checks",
        ])
        let id = try root.required("id").identifier()
        let version = try root.required("version").int(in: 1...999)
        let title = try root.required("title").nonEmptyString()
        let label = try root.optional("label")?.nonEmptyString()
        let kind = try root.required("kind").enumValue(FormKind.self)
        let orientation = try root.optional("orientation")?.enumValue(PaperOrientation.self) ?? .portrait
        let units = try root.required("units").items().map { try $0.enumValue(UnitType.self) }
        guard !units.isEmpty else { throw try root.required("units").fail("minst en enhetstyp behövs") }
        let registration = try root.optional("registration").map(parseRegistration)
        let custody = try root.optional("custody").map(parseCustody)
        let client = try root.optional("client").map { node in
            try node.expectMapping(keys: ["name", "personnummer", "officer", "date"])
            return ClientFields(
                name: try node.optional("name")?.identifier(),
                personnummer: try node.optional("personnummer")?.identifier(),
                officer: try node.optional("officer")?.identifier(), date: try node.optional("date")?.identifier())
        }
        let blocksNode = try root.required("blocks")
        let blocks = try blocksNode.items().map(parseBlock)
        let checks = try root.optional("checks")?.items().map(parseCheck) ?? []

        let form = FormDefinition(
            id: id, version: version, label: label, title: title, kind: kind,
            orientation: orientation, units: Set(units), registration: registration,
            custody: custody, client: client, blocks: blocks, checks: checks, sourceFile: file)
        try validate(form, blocksNode: blocksNode, root: root)
        return form
    }

    // MARK: Blocks

    private static func parseBlock(_ node: YAMLReader) throws -> Block {
        try node.expectMapping(keys: ["heading", "note", "fields", "table", "lines", "calibration"])
        let entries = try node.entries()
        guard entries.count == 1, let (key, value) = entries.first else {
            throw node.fail("ett block har precis en av nycklarna heading, note, fields, table, lines, calibration")
        }
        switch key {
        case "heading": return .heading(try value.nonEmptyString())
        case "note": return .note(try value.nonEmptyString(maxLength: YAMLReader.paragraphLength))
        case "fields": return .fields(try value.items().map { try parseField($0, inTable: false) })
        case "table": return .table(try parseTable(value))
        case "lines": return .lines(try parseLines(value))
        default:
            guard try value.bool() else { throw value.fail("calibration: ange true") }
            return .calibration
        }
    }

    private static func parseTable(_ node: YAMLReader) throws -> TableDefinition {
        try node.expectMapping(keys: ["rows", "row_height", "columns", "prefill"])
        let rows = try parseCount(try node.required("rows"), range: 1...40)
        let rowHeight = try node.optional("row_height")?.double(in: 8...30) ?? 11
        let columns = try node.required("columns").items().map { try parseField($0, inTable: true) }
        guard !columns.isEmpty else { throw try node.required("columns").fail("en tabell behöver minst en kolumn") }
        let prefill = try node.optional("prefill").map(parsePrefill)
        if let prefill {
            for column in prefill.columns.keys where !columns.contains(where: { $0.id == column }) {
                throw try node.required("prefill").fail("kolumnen \"\(column)\" finns inte i tabellen")
            }
        }
        return TableDefinition(rows: rows, rowHeight: rowHeight, columns: columns, prefill: prefill)
    }

    private static func parsePrefill(_ node: YAMLReader) throws -> Prefill {
        try node.expectMapping(keys: ["role", "columns"])
        let role = try node.required("role").nonEmptyString()
        var columns: [String: ContactAttribute] = [:]
        for (key, value) in try node.required("columns").entries() {
            columns[key] = try value.enumValue(ContactAttribute.self)
        }
        return Prefill(role: role, columns: columns)
    }

    private static func parseLines(_ node: YAMLReader) throws -> LinesDefinition {
        try node.expectMapping(keys: ["id", "label", "count", "spacing"])
        let field = FieldDefinition(
            id: try node.required("id").identifier(),
            label: try node.required("label").nonEmptyString(), kind: .text)
        let count = try parseCount(try node.required("count"), range: 1...60)
        let spacing = try node.optional("spacing")?.double(in: 6...15) ?? 8
        return LinesDefinition(field: field, count: count, spacing: spacing)
    }

    private static func parseCount(_ node: YAMLReader, range: ClosedRange<Int>) throws -> Count {
        if (try? node.string()) == "fill" { return .fill }
        return .fixed(try node.int(in: range))
    }

    // MARK: Fields

    private static func parseField(_ node: YAMLReader, inTable: Bool) throws -> FieldDefinition {
        try node.expectMapping(keys: [
            "id", "label", "kind", "pattern", "boxes", "width", "options",
            "multiple", "option_columns", "required", "group", "hint",
        ])
        let id = try node.required("id").identifier()
        let label = try node.required("label").nonEmptyString()
        let kindNode = try node.required("kind")
        let kind = try kindNode.enumValue(FieldKind.self)
        var field = FieldDefinition(id: id, label: label, kind: kind)
        field.width = try node.optional("width")?.double(in: 4...280)
        field.required = try node.optional("required")?.bool() ?? false
        field.group = try node.optional("group")?.nonEmptyString()
        field.hint = try node.optional("hint")?.nonEmptyString()

        switch kind {
        case .digits:
            let patternNode = try node.required("pattern")
            let pattern = try patternNode.enumValue(DigitPattern.self)
            field.pattern = pattern
            if let boxesNode = node.optional("boxes") {
                let boxes = try boxesNode.int(in: 1...16)
                guard pattern.allowedBoxCounts.contains(boxes) else {
                    let allowed = pattern.allowedBoxCounts.sorted().map(String.init).joined(separator: " eller ")
                    throw boxesNode.fail("mönstret \(pattern.rawValue) har \(allowed) rutor, inte \(boxes)")
                }
                field.boxes = boxes
            } else if pattern == .number {
                throw node.fail("ett fält med mönstret number måste ange boxes")
            }
        case .choice:
            let optionsNode = try node.required("options")
            field.options = try optionsNode.items().map(parseOption)
            guard field.options.count >= 1 else { throw optionsNode.fail("minst ett alternativ behövs") }
            let values = field.options.map(\.value)
            if Set(values).count != values.count { throw optionsNode.fail("två alternativ har samma värde") }
            field.multiple = try node.optional("multiple")?.bool() ?? false
            field.optionColumns = try node.optional("option_columns")?.int(in: 1...8)
        case .text, .signature:
            if inTable, field.width == nil { throw node.fail("en \(kind.rawValue)-kolumn måste ange width (mm)") }
        }
        for key in ["pattern", "boxes"] where kind != .digits && node.optional(key) != nil {
            throw try node.required(key).fail("\(key) gäller bara fält av sorten digits")
        }
        for key in ["options", "multiple", "option_columns"] where kind != .choice && node.optional(key) != nil {
            throw try node.required(key).fail("\(key) gäller bara fält av sorten choice")
        }
        return field
    }

    private static func parseOption(_ node: YAMLReader) throws -> ChoiceOption {
        try node.expectMapping(keys: ["value", "label"])
        return ChoiceOption(
            value: try node.required("value").identifier(),
            label: try node.required("label").nonEmptyString())
    }

    // MARK: Registration and checks

    private static func parseRegistration(_ node: YAMLReader) throws -> Registration {
        try node.expectMapping(keys: ["routes", "paper"])
        let routesNode = try node.required("routes")
        let routes = try routesNode.items().map(parseRoute)
        guard !routes.isEmpty else { throw routesNode.fail("minst en väg (routes) behövs") }
        let paper = try node.optional("paper").map { paper in
            try paper.expectMapping(keys: ["date", "sign"])
            return PaperRegistration(
                date: try paper.required("date").identifier(), sign: try paper.required("sign").identifier())
        }
        return Registration(routes: routes, paper: paper)
    }

    private static func parseRoute(_ node: YAMLReader) throws -> RegistrationRoute {
        try node.expectMapping(keys: ["units", "when", "system", "deadline", "by"])
        let units = try node.required("units").items().map { try $0.enumValue(UnitType.self) }
        guard !units.isEmpty else { throw try node.required("units").fail("minst en enhetstyp behövs") }
        let condition = try node.optional("when").map { when in
            try when.expectMapping(keys: ["field", "is"])
            let values = try when.required("is").items().map { try $0.identifier() }
            guard !values.isEmpty else { throw try when.required("is").fail("minst ett alternativ behövs") }
            return RegistrationRoute.Condition(field: try when.required("field").identifier(), values: Set(values))
        }
        return RegistrationRoute(
            units: Set(units), condition: condition, system: try node.required("system").nonEmptyString(),
            deadline: try parseDeadline(try node.required("deadline")),
            by: try node.optional("by")?.nonEmptyString())
    }

    private static func parseDeadline(_ node: YAMLReader) throws -> Deadline {
        switch try? node.string() {
        case "as_soon_as_possible": return .assoonAsPossible
        case "immediately": return .immediately
        case "none": return .none
        default: break
        }
        try node.expectMapping(keys: ["days", "working_days"])
        if let days = node.optional("days") { return .calendarDays(try days.int(in: 1...365)) }
        if let days = node.optional("working_days") { return .workingDays(try days.int(in: 1...365)) }
        throw node.fail("ange as_soon_as_possible, immediately, none, days: N eller working_days: N")
    }

    private static func parseCustody(_ node: YAMLReader) throws -> Custody {
        try node.expectMapping(keys: [
            "item", "holder", "workplace", "issued", "returned", "returned_signature", "return_to",
        ])
        return Custody(
            item: try node.required("item").identifier(), holder: try node.required("holder").identifier(),
            workplace: try node.optional("workplace")?.identifier(), issued: try node.optional("issued")?.identifier(),
            returned: try node.required("returned").identifier(),
            returnedSignature: try node.required("returned_signature").identifier(),
            returnTo: try node.required("return_to").identifier())
    }

    private static func parseCheck(_ node: YAMLReader) throws -> CrossCheck {
        try node.expectMapping(keys: ["running_total", "duration", "date_order", "sum"])
        if let c = node.optional("running_total") {
            try c.expectMapping(keys: ["amount", "total", "threshold", "carried", "sheet_number"])
            return .runningTotal(
                amount: try c.required("amount").identifier(),
                total: try c.required("total").identifier(),
                threshold: try c.optional("threshold")?.int(in: 1...10_000_000),
                carried: try c.optional("carried")?.identifier(),
                sheetNumber: try c.optional("sheet_number")?.identifier())
        }
        if let c = node.optional("duration") {
            try c.expectMapping(keys: ["start", "end", "minutes"])
            return .duration(
                start: try c.required("start").identifier(),
                end: try c.required("end").identifier(),
                minutes: try c.required("minutes").identifier())
        }
        if let c = node.optional("date_order") {
            try c.expectMapping(keys: ["earlier", "later"])
            return .dateOrder(
                earlier: try c.required("earlier").identifier(),
                later: try c.required("later").identifier())
        }
        if let c = node.optional("sum") {
            try c.expectMapping(keys: ["parts", "total"])
            let parts = try c.required("parts").items().map { try $0.identifier() }
            guard parts.count >= 2 else { throw try c.required("parts").fail("en summa behöver minst två delar") }
            return .sum(parts: parts, total: try c.required("total").identifier())
        }
        throw node.fail("ange running_total, duration, date_order eller sum")
    }

    // MARK: Whole-form rules

    private static func validate(_ form: FormDefinition, blocksNode: YAMLReader, root: YAMLReader) throws {
        var seen = Set<String>()
        for field in form.allFieldDefinitions {
            guard seen.insert(field.id).inserted else {
                throw blocksNode.fail("fält-id \"\(field.id)\" förekommer två gånger")
            }
        }
        let tables = form.blocks.filter { if case .table = $0 { return true } else { return false } }
        if tables.count > 1 { throw blocksNode.fail("en blankett kan ha högst en tabell") }
        if form.kind == .list, tables.isEmpty { throw blocksNode.fail("en lista (kind: list) behöver en tabell") }
        let fills = form.blocks.filter {
            switch $0 {
            case .table(let t): return t.rows == .fill
            case .lines(let l): return l.count == .fill
            default: return false
            }
        }
        if fills.count > 1 { throw blocksNode.fail("högst ett block får ha count/rows: fill") }
        // Fields named by the registration and custody rules exist, and a route's
        // condition names a choice field's own options.
        let byID = Dictionary(form.allFieldDefinitions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        if let registration = form.registration {
            let node = try root.required("registration")
            for route in registration.routes {
                guard let condition = route.condition else { continue }
                guard let field = byID[condition.field], field.kind == .choice else {
                    throw node.fail(
                        "villkoret nämner \"\(condition.field)\", som inte är ett flervalsfält på blanketten")
                }
                let options = Set(field.options.map(\.value))
                for value in condition.values.subtracting(options) {
                    throw node.fail("\"\(value)\" är inget alternativ i fältet \"\(condition.field)\"")
                }
            }
            for name in [registration.paper?.date, registration.paper?.sign].compactMap({ $0 })
            where byID[name] == nil {
                throw node.fail("fältet \"\(name)\" finns inte på blanketten")
            }
        }
        if let client = form.client {
            for name in [client.name, client.personnummer, client.officer, client.date].compactMap({ $0 })
            where byID[name] == nil {
                throw try root.required("client").fail("fältet \"\(name)\" finns inte på blanketten")
            }
        }
        if let custody = form.custody {
            let names =
                [custody.item, custody.holder, custody.returned, custody.returnedSignature]
                + [custody.workplace, custody.issued].compactMap { $0 }
            for name in names where byID[name] == nil {
                throw try root.required("custody").fail("fältet \"\(name)\" finns inte på blanketten")
            }
        }
        for check in form.checks {
            let names: [String]
            switch check {
            case .runningTotal(let a, let t, _, let carried, let number):
                names = [a, t] + [carried, number].compactMap { $0 }
            case .duration(let s, let e, let m): names = [s, e, m]
            case .dateOrder(let a, let b): names = [a, b]
            case .sum(let parts, let total): names = parts + [total]
            }
            for name in names where !seen.contains(name) {
                throw try root.required("checks").fail("kontrollen nämner fältet \"\(name)\" som inte finns")
            }
        }
    }
}

extension YAMLReader {
    /// A lower-case ASCII identifier: letters, digits, '_' and '-'.
    func identifier() throws -> String {
        let value = try nonEmptyString()
        guard SheetID.isValidFormID(value) else {
            throw fail("\"\(value)\" är inget giltigt id (små bokstäver a–z, siffror, _ och -, börjar med bokstav)")
        }
        return value
    }
}
