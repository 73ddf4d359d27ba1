import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// One bad input, as an attacker or a careless user would give it: what is
/// set up, the command run, the exit status and the Swedish words the
/// message must carry. Every case runs the built binary in its own folder.
struct BadInput: Sendable, CustomTestStringConvertible {
    let name: String
    let status: Int32
    let says: [String]
    let run: @Sendable (Scratch) throws -> ToolOutput

    var testDescription: String { name }

    init(_ name: String, status: Int32 = 1, says: [String], run: @escaping @Sendable (Scratch) throws -> ToolOutput) {
        self.name = name
        self.status = status
        self.says = says
        self.run = run
    }
}

/// A case's own folder, with the ways the catalogue makes its inputs.
struct Scratch {
    let dir: TemporaryDirectory
    var workspace: String { dir.file("arbetsyta") }

    static func sample(_ name: String) -> String { RepositoryPaths.sampleScans.appendingPathComponent(name).path }
    /// A real scan, small and quick to read (a landscape reservblankett at 200 dpi).
    static let scan = sample("06-reservblankett-tid.png")

    func path(_ name: String) -> String { dir.file(name) }

    @discardableResult
    func write(_ name: String, _ data: Data) throws -> String {
        let path = dir.file(name)
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String { try write(name, Data(text.utf8)) }

    /// The first `count` bytes of `file`.
    @discardableResult
    func truncated(_ file: String, to count: Int, as name: String) throws -> String {
        try write(name, try Data(contentsOf: URL(fileURLWithPath: file)).prefix(count))
    }

    @discardableResult
    func copy(_ file: String, as name: String) throws -> String {
        try write(name, try Data(contentsOf: URL(fileURLWithPath: file)))
    }

    @discardableResult
    func folder(_ name: String) throws -> String { try dir.subdirectory(name).path }

    @discardableResult
    func link(_ name: String, to target: String) throws -> String {
        try FileManager.default.createSymbolicLink(atPath: dir.file(name), withDestinationPath: target)
        return dir.file(name)
    }

    @discardableResult
    func fifo(_ name: String) throws -> String {
        guard mkfifo(dir.file(name), 0o600) == 0 else { throw ToolError(description: "mkfifo \(name): \(errno)") }
        return dir.file(name)
    }

    /// A UNIX socket bound at `name` (the descriptor is left open for the test's life: it is only a file-system entry).
    @discardableResult
    func socket(_ name: String) throws -> String {
        let path = dir.file(name)
        let fd = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, byte) in path.utf8.prefix(raw.count - 1).enumerated() { raw[i] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard fd >= 0, bound == 0 else { throw ToolError(description: "socket \(name): \(errno)") }
        return path
    }

    /// A printed sheet of `form` as a one-page PDF.
    func printed(_ form: String, as name: String = "blad.pdf") throws -> String {
        let pdf = dir.file(name)
        let output = try runAvbrott(["print", "--form", form, "--binder-id", "K7M3QX", "-o", pdf])
        guard output.status == 0 else { throw ToolError(description: "print: \(output.errorText)") }
        return pdf
    }

    /// A copy of the unit configuration with `edit` applied to its text.
    func unit(_ name: String = "enhet.yaml", _ edit: (String) -> String) throws -> String {
        let text = try String(
            contentsOf: RepositoryPaths.forms.appendingPathComponent("units/example.yaml"), encoding: .utf8)
        return try write(name, edit(text))
    }

    func avbrott(_ arguments: [String]) throws -> ToolOutput { try runAvbrott(arguments) }

    func ingest(_ paths: String...) throws -> ToolOutput {
        try runAvbrott(["ingest", "--workspace", workspace] + paths)
    }

    /// A workspace holding the reservblankett's seven drafts, none reviewed.
    func workspaceWithDrafts() throws {
        let output = try ingestDuringSampleOutage(workspace: workspace, [Self.scan])
        guard output.status == 0 else { throw ToolError(description: "ingest: \(output.errorText)") }
    }
}

extension BadInput {
    /// The catalogue. Each entry names what was done to the input; the
    /// message must name the file (or key, or record) and say why.
    static let catalogue: [BadInput] = files + entries + pages + workspaces + configuration + commands

    /// Files that are not, or no longer, scans.
    static let files: [BadInput] = [
        BadInput("tom PNG", says: ["tom.png", "är tom (0 byte)"]) {
            try $0.ingest(try $0.write("tom.png", Data()))
        },
        BadInput("avhuggen PNG", says: ["avhuggen.png", "skadad eller ofullständig"]) {
            try $0.ingest(try $0.truncated(Scratch.scan, to: 700, as: "avhuggen.png"))
        },
        BadInput("avhuggen JPEG", says: ["avhuggen.jpg", "skadad eller ofullständig"]) {
            try $0.ingest(try $0.truncated(Scratch.sample("01-bilaga-3-blad1.jpg"), to: 3000, as: "avhuggen.jpg"))
        },
        BadInput("avhuggen TIFF", says: ["avhuggen.tif", "skadad eller ofullständig"]) {
            try $0.ingest(try $0.truncated(Scratch.sample("03-bilaga-5-blad1-2.tif"), to: 3000, as: "avhuggen.tif"))
        },
        BadInput("avhuggen PDF", says: ["avhuggen.pdf", "PDF-strukturen går inte att tolka"]) {
            try $0.ingest(try $0.truncated(try $0.printed("bilaga-4"), to: 900, as: "avhuggen.pdf"))
        },
        BadInput("PDF utan sidor", says: ["inga-sidor.pdf", "innehåller inga sidor"]) {
            try $0.ingest(
                try $0.write(
                    "inga-sidor.pdf",
                    """
                    %PDF-1.4
                    1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
                    2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj
                    trailer << /Root 1 0 R >>
                    %%EOF
                    """))
        },
        BadInput("krypterad PDF", says: ["krypterad.pdf", "krypterad (lösenordsskyddad)"]) {
            let pdf = try $0.printed("bilaga-4")
            try runToolChecked("qpdf", ["--encrypt", "anvandare", "agare", "256", "--", pdf, $0.path("krypterad.pdf")])
            return try $0.ingest($0.path("krypterad.pdf"))
        },
        BadInput("text med namnet .png", says: ["text.png", "format som inte stöds"]) {
            try $0.ingest(try $0.write("text.png", "Det här är ingen bild.\n"))
        },
        BadInput("GIF-bild", says: ["bild.gif", "format som inte stöds"]) {
            try $0.ingest(try $0.write("bild.gif", Data("GIF89a\u{1}\0\u{1}\0\0\0\0;".utf8)))
        },
        BadInput("PNG som påstår 30000 × 30000 bildpunkter", says: ["jatte.png", "30000"]) {
            try $0.ingest(
                try $0.write("jatte.png", ScanFixtures.pngHeader(width: 30000, height: 30000) + Data(count: 64)))
        },
        BadInput("fil på 3 GB", says: ["stor.png", "större än 512 MB"]) {
            let path = $0.path("stor.png")
            guard FileManager.default.createFile(atPath: path, contents: nil), truncate(path, 3 << 30) == 0 else {
                throw ToolError(description: "sparse file")
            }
            return try $0.ingest(path)
        },
        BadInput("samma oläsliga innehåll under två namn", says: ["tva.png", "samma innehåll som", "ett.png"]) {
            _ = try $0.ingest(try $0.write("ett.png", "inte en bild"))
            return try $0.ingest(try $0.write("tva.png", "inte en bild"))
        },
    ]

    /// Entries that are not regular files, or are given twice.
    static let entries: [BadInput] = [
        BadInput("FIFO angiven direkt", says: ["ror.png", "namngiven rörledning (FIFO)"]) {
            try $0.ingest(try $0.fifo("ror.png"))
        },
        BadInput("FIFO i en mapp", says: ["mapp/ror.png", "namngiven rörledning (FIFO)"]) {
            try $0.folder("mapp")
            try $0.fifo("mapp/ror.png")
            try $0.copy(Scratch.scan, as: "mapp/bra.png")
            return try $0.ingest($0.path("mapp"))
        },
        BadInput("uttag (socket) i en mapp", says: ["mapp/uttag.png", "uttag (socket)"]) {
            try $0.folder("mapp")
            try $0.socket("mapp/uttag.png")
            return try $0.ingest($0.path("mapp"))
        },
        BadInput("/dev/null angiven direkt", says: ["/dev/null", "enhetsfil"]) { try $0.ingest("/dev/null") },
        BadInput("länk till /dev/zero i en mapp", says: ["mapp/noll.png", "enhetsfil"]) {
            try $0.folder("mapp")
            try $0.link("mapp/noll.png", to: "/dev/zero")
            return try $0.ingest($0.path("mapp"))
        },
        BadInput("länk till en mapp", says: ["mapp/upp", "länk till en mapp"]) {
            try $0.folder("mapp")
            try $0.link("mapp/upp", to: $0.dir.path)
            return try $0.ingest($0.path("mapp"))
        },
        BadInput("länkar i en slinga", says: ["mapp/a.png", "mapp/b.png", "slinga"]) {
            try $0.folder("mapp")
            try $0.link("mapp/a.png", to: "b.png")
            try $0.link("mapp/b.png", to: "a.png")
            return try $0.ingest($0.path("mapp"))
        },
        BadInput("länk till något som inte finns", says: ["mapp/borta.png", "något som inte finns"]) {
            try $0.folder("mapp")
            try $0.link("mapp/borta.png", to: "/finns/inte.png")
            return try $0.ingest($0.path("mapp"))
        },
        BadInput("länk till /etc/shadow", says: ["skugga.png"]) {
            try $0.folder("mapp")
            try $0.link("mapp/skugga.png", to: "/etc/shadow")
            return try $0.ingest($0.path("mapp"))
        },
        BadInput("samma fil angiven två gånger", says: ["bra.png", "angiven mer än en gång"]) {
            let scan = try $0.copy(Scratch.scan, as: "bra.png")
            return try $0.ingest(scan, scan)
        },
        BadInput("hård länk till en fil i körningen", says: ["mapp/b.png", "samma fil som", "mapp/a.png"]) {
            try $0.folder("mapp")
            let a = try $0.copy(Scratch.scan, as: "mapp/a.png")
            try FileManager.default.linkItem(atPath: a, toPath: $0.path("mapp/b.png"))
            return try $0.ingest($0.path("mapp"))
        },
        BadInput("kopia under ett annat namn", says: ["mapp/kopia.png", "samma innehåll som", "mapp/a.png"]) {
            try $0.folder("mapp")
            try $0.copy(Scratch.scan, as: "mapp/a.png")
            try $0.copy(Scratch.scan, as: "mapp/kopia.png")
            return try $0.ingest($0.path("mapp"))
        },
        BadInput("dold fil", says: ["mapp/.dold.png", "en dold fil"]) {
            try $0.folder("mapp")
            try $0.copy(Scratch.scan, as: "mapp/.dold.png")
            return try $0.ingest($0.path("mapp"))
        },
        BadInput("anteckning bredvid skanningarna", says: ["mapp/LASMIG.md", "ingen skanning (.md)"]) {
            try $0.write("mapp/LASMIG.md", "# Skannat fredag\n")
            return try $0.ingest($0.path("mapp"))
        },
        BadInput("tom mapp", says: ["tom", "en tom mapp"]) { try $0.ingest(try $0.folder("tom")) },
        BadInput("sökväg som inte finns", says: ["finns-inte.png", "filen eller mappen finns inte"]) {
            try $0.ingest($0.path("finns-inte.png"))
        },
        BadInput("länk till en skanning läses", status: 0, says: ["reservblankett-tid v1"]) {
            try $0.folder("mapp")
            try $0.link("mapp/lank.png", to: Scratch.scan)
            return try $0.ingest($0.path("mapp"))
        },
        BadInput("namn som inte är UTF-8 läses och visas", status: 0, says: ["namn\\xff\\xfe.png sida 1"]) {
            try $0.folder("mapp")
            let name = FileManager.default.fileSystemRepresentation(withPath: $0.path("mapp"))
            let path = String(cString: name) + "/namn"
            // The bytes 0xFF 0xFE cannot be in a Swift String: the file is made with open(2).
            var bytes = Array(path.utf8) + [0xFF, 0xFE] + Array(".png".utf8) + [0]
            let data = try Data(contentsOf: URL(fileURLWithPath: Scratch.scan))
            let fd = bytes.withUnsafeMutableBufferPointer {
                open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_WRONLY | O_CREAT, 0o600)
            }
            guard fd >= 0 else { throw ToolError(description: "open: \(errno)") }
            _ = data.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            close(fd)
            return try $0.ingest($0.path("mapp"))
        },
        BadInput(
            "filnamn med terminalkoder visas ofarligt", status: 0, says: ["\\x1b[2J\\x1b[31mRÖD\\x1b]0;pwned\\x07.png"]
        ) {
            try $0.ingest(try $0.copy(Scratch.scan, as: "\u{1B}[2J\u{1B}[31mRÖD\u{1B}]0;pwned\u{07}.png"))
        },
        BadInput("en annan arbetsyta i mappen", says: ["gammal", "en annan arbetsyta"]) {
            try $0.folder("mapp")
            let old = $0.path("mapp/gammal")
            let first = try runAvbrott(["ingest", "--workspace", old, Scratch.scan])
            guard first.status == 0 else { throw ToolError(description: first.errorText) }
            return try $0.ingest($0.path("mapp"))
        },
    ]

    /// Pages that carry no code, someone else's code, or a code the page does not agree with.
    static let pages: [BadInput] = [
        BadInput("vit sida utan QR-kod", says: ["vit.png sida 1", "Hittar ingen blankettkod"]) {
            try runToolChecked("convert", ["-size", "1654x2339", "xc:white", $0.path("vit.png")])
            return try $0.ingest($0.path("vit.png"))
        },
        BadInput("främmande QR-kod", says: ["fel-kod.png sida 1", "exempel.invalid", "inte en blankettkod"]) {
            try $0.ingest(
                try ScanFixtures.recoded(
                    form: "bilaga-3", payload: "https://exempel.invalid/kampanj", in: $0.dir, name: "fel-kod"))
        },
        BadInput("QR-kod med terminalkoder", says: ["kod.png sida 1", "\\x1b[2J"]) {
            try $0.ingest(
                try ScanFixtures.recoded(
                    form: "bilaga-3", payload: "AVB1:\u{1B}[2J\u{1B}]0;pwned\u{07}:1:K7M3QX:0001", in: $0.dir,
                    name: "kod"))
        },
        BadInput("bilaga 3 med bilaga 5:s kod", says: ["hör till bilaga 5", "ser ut som bilaga 3"]) {
            try $0.ingest(try ScanFixtures.forged(form: "bilaga-3", codeFrom: "bilaga-5", in: $0.dir))
        },
        BadInput(
            "reservblankett med bilaga 2:s kod", says: ["hör till bilaga 2", "ser ut som Totaltidsregistrering"]
        ) {
            try $0.ingest(try ScanFixtures.forged(form: "reservblankett-tid", codeFrom: "bilaga-2", in: $0.dir))
        },
        BadInput("kod för en version som inte finns", says: ["version 9"]) {
            try $0.ingest(
                try ScanFixtures.recoded(
                    form: "bilaga-3", payload: "AVB1:bilaga-3:9:K7M3QX:0001", in: $0.dir, name: "version"))
        },
        BadInput("kod för en blankett som inte finns", says: ["bilaga-9"]) {
            try $0.ingest(
                try ScanFixtures.recoded(
                    form: "bilaga-3", payload: "AVB1:bilaga-9:1:K7M3QX:0001", in: $0.dir, name: "okand"))
        },
    ]

    /// Workspaces and form folders that cannot be used.
    static let workspaces: [BadInput] = [
        BadInput("arbetsytan är en fil", says: ["fil", "är ingen mapp"]) {
            try runAvbrott(["ingest", "--workspace", try $0.write("fil", "x"), Scratch.scan])
        },
        BadInput("databasen är skadad", says: ["utkast.sqlite", "kan inte användas"]) {
            try $0.write("arbetsyta/utkast.sqlite", "inte en databas, bara text som ser ut som en")
            return try $0.avbrott(["status", "--workspace", $0.workspace])
        },
        BadInput("arbetsytan finns inte", says: ["finns inte", "--workspace"]) {
            try $0.avbrott(["status", "--workspace", $0.path("ingenstans")])
        },
        BadInput("blankettmappen finns inte", says: ["Hittar inte mappen Forms", "/finns/inte"]) {
            try $0.avbrott(["forms", "--forms", "/finns/inte"])
        },
        BadInput("trasig blankett i blankettmappen", says: ["zz.yaml, rad 2", "ogiltig YAML"]) {
            try runToolChecked("cp", ["-r", RepositoryPaths.forms.path, $0.path("Forms")])
            try $0.write("Forms/zz.yaml", "id: [\n")
            return try $0.avbrott(["forms", "--forms", $0.path("Forms")])
        },
        BadInput("FIFO i blankettmappen", says: ["zz.yaml", "namngiven rörledning (FIFO)"]) {
            try runToolChecked("cp", ["-r", RepositoryPaths.forms.path, $0.path("Forms")])
            try $0.fifo("Forms/zz.yaml")
            return try $0.avbrott(["forms", "--forms", $0.path("Forms")])
        },
    ]

    /// The unit configuration, as a hurried editor leaves it.
    static let configuration: [BadInput] = [
        BadInput("YAML-syntaxfel", says: ["enhet.yaml, rad 2", "ett kommatecken saknas"]) {
            try $0.avbrott(["print", "--config", try $0.write("enhet.yaml", "name: [oj\n"), "-o", $0.path("p.pdf")])
        },
        BadInput("tabbtecken i indraget", says: ["enhet.yaml, rad 3", "tabbtecken i indraget"]) {
            let config = try $0.unit { $0.replacingOccurrences(of: "\n  name:", with: "\n\tname:") }
            return try $0.avbrott(["print", "--config", config, "-o", $0.path("p.pdf")])
        },
        BadInput("okänd nyckel", says: ["okand_nyckel", "okänd nyckel"]) {
            let config = try $0.unit { $0 + "okand_nyckel: 1\n" }
            return try $0.avbrott(["print", "--config", config, "-o", $0.path("p.pdf")])
        },
        BadInput("namn på 100 000 tecken", says: ["rad 3 (unit.name)", "för långt: 100000 tecken"]) {
            let config = try $0.unit {
                $0.replacingOccurrences(
                    of: "  name: Enheten för ekonomiskt bistånd och utredning",
                    with: "  name: " + String(repeating: "A", count: 100_000))
            }
            return try $0.avbrott(["print", "--config", config, "-o", $0.path("p.pdf")])
        },
        BadInput("okänd roll", says: ["contacts[8].role", "okänt värde \"trollkarl\""]) {
            let config = try $0.unit { $0.replacingOccurrences(of: "role: support", with: "role: trollkarl") }
            return try $0.avbrott(["print", "--config", config, "-o", $0.path("p.pdf")])
        },
        BadInput("okänd enhetstyp", says: ["unit.type", "okänt värde \"rymdstation\""]) {
            let config = try $0.unit { $0.replacingOccurrences(of: "type: utredning", with: "type: rymdstation") }
            return try $0.avbrott(["print", "--config", config, "-o", $0.path("p.pdf")])
        },
        BadInput("negativt antal blad", says: ["sheets.bilaga-3", "mellan 0 och 100"]) {
            let config = try $0.unit { $0.replacingOccurrences(of: "bilaga-3: 4", with: "bilaga-3: -2") }
            return try $0.avbrott(["print", "--config", config, "-o", $0.path("p.pdf")])
        },
        BadInput("blad för en blankett som inte finns", says: ["sheets.bilaga-9", "okänd blankett"]) {
            let config = try $0.unit { $0.replacingOccurrences(of: "bilaga-3: 4", with: "bilaga-9: 4") }
            return try $0.avbrott(["print", "--config", config, "-o", $0.path("p.pdf")])
        },
        BadInput("tom konfiguration", says: ["tom.yaml", "filen är tom"]) {
            try $0.avbrott(["print", "--config", try $0.write("tom.yaml", ""), "-o", $0.path("p.pdf")])
        },
        BadInput("konfiguration som inte är UTF-8", says: ["latin1.yaml", "inte UTF-8"]) {
            let config = try $0.write("latin1.yaml", Data("unit:\n  name: ".utf8) + Data([0xC5, 0x73, 0x61, 0x0A]))
            return try $0.avbrott(["print", "--config", config, "-o", $0.path("p.pdf")])
        },
        BadInput("konfiguration som inte finns", says: ["saknas.yaml", "finns inte"]) {
            try $0.avbrott(["print", "--config", $0.path("saknas.yaml"), "-o", $0.path("p.pdf")])
        },
        BadInput("konfiguration som är en FIFO", says: ["ror.yaml", "namngiven rörledning (FIFO)"]) {
            try $0.avbrott(["print", "--config", try $0.fifo("ror.yaml"), "-o", $0.path("p.pdf")])
        },
        BadInput("utskrift till en mapp som inte finns", says: ["/finns/inte/p.pdf", "mappen /finns/inte finns inte"]) {
            try $0.avbrott(["print", "-o", "/finns/inte/p.pdf"])
        },
        BadInput("ogiltigt pärm-id", status: 64, says: ["Pärm-id ska vara sex tecken"]) {
            try $0.avbrott(["print", "--binder-id", "x;rm", "-o", $0.path("p.pdf")])
        },
        BadInput("okänd blankett att skriva ut", says: ["Okänd blankett \"bilaga-9\""]) {
            try $0.avbrott(["print", "--form", "bilaga-9", "-o", $0.path("p.pdf")])
        },
    ]

    /// The clerk's commands, given what a clerk might type.
    static let commands: [BadInput] = [
        BadInput("omöjligt datum för avbrottet", status: 64, says: ["--start", "ÅÅÅÅ-MM-DD", "2026-13-01"]) {
            try $0.avbrott(["outage", "--workspace", $0.workspace, "--start", "2026-13-01", "--end", "2026-10-16"])
        },
        BadInput("avbrottet slutar före början", status: 64, says: ["ligger efter --end"]) {
            try $0.avbrott(["outage", "--workspace", $0.workspace, "--start", "2026-10-16", "--end", "2026-10-12"])
        },
        BadInput("avbrottet slutar i framtiden", status: 64, says: ["ligger i framtiden"]) {
            try $0.avbrott(["outage", "--workspace", $0.workspace, "--start", "2026-10-12", "--end", "2099-01-01"])
        },
        BadInput("enhetsfil till avbrottet saknas", says: ["saknas.yaml", "finns inte"]) {
            try $0.avbrott([
                "outage", "--workspace", $0.workspace, "--start", "2026-10-12", "--end", "2026-10-16",
                "--unit", $0.path("saknas.yaml"),
            ])
        },
        BadInput("registrera en post som inte finns", says: ["ingen post 99999"]) {
            try $0.workspaceWithDrafts()
            return try $0.avbrott(["register", "--workspace", $0.workspace, "--record", "99999", "--clerk", "Test"])
        },
        BadInput("registrera en post som ingen har granskat", says: ["Post 2", "ingen har granskat"]) {
            try $0.workspaceWithDrafts()
            return try $0.avbrott(["register", "--workspace", $0.workspace, "--record", "2", "--clerk", "Test"])
        },
        BadInput("registreringsdatum som inte finns", status: 64, says: ["2026-02-30"]) {
            try $0.avbrott(["register", "--workspace", $0.workspace, "--record", "2", "--date", "2026-02-30"])
        },
        BadInput("rensa utan --force när allt inte är klart", says: ["rensas inte", "inte granskad"]) {
            try $0.workspaceWithDrafts()
            return try $0.avbrott(["purge", "--workspace", $0.workspace])
        },
        BadInput("--expect som inte är en hash", status: 64, says: ["SHA-256"]) {
            try $0.avbrott(["audit", "--workspace", $0.workspace, "--verify", "--expect", "zz"])
        },
        BadInput("--expect med en hash som inte finns i kedjan", says: ["innehåller inte hashen"]) {
            try $0.workspaceWithDrafts()
            return try $0.avbrott([
                "audit", "--workspace", $0.workspace, "--verify", "--expect", String(repeating: "0", count: 64),
            ])
        },
        BadInput("granskning utan terminal", says: ["behöver en terminal"]) {
            try $0.workspaceWithDrafts()
            return try $0.avbrott(["review", "--workspace", $0.workspace, "--clerk", "Test"])
        },
        BadInput("read-field på en FIFO", says: ["ror.png", "namngiven rörledning (FIFO)"]) {
            try $0.avbrott(["read-field", "--kind", "digits", "--boxes", "4", try $0.fifo("ror.png")])
        },
        BadInput("read-field på datum utan --reference", status: 64, says: ["--reference"]) {
            try $0.avbrott(["read-field", "--kind", "date", Scratch.scan])
        },
        BadInput("read-field med noll rutor", status: 64, says: ["mellan 1 och 16"]) {
            try $0.avbrott(["read-field", "--kind", "digits", "--boxes", "0", Scratch.scan])
        },
    ]
}

/// Every bad input gets its Swedish message and its exit status; none
/// crashes, hangs or passes in silence, and no control character from a
/// name or a code reaches the terminal.
@Suite("bad inputs", .tags(.endToEnd), .enabled(if: TestRun.includesEndToEnd))
struct BadInputCatalogueTests {
    @Test func theCatalogueCoversAtLeastSixtyInputs() {
        #expect(BadInput.catalogue.count >= 60)
        #expect(Set(BadInput.catalogue.map(\.name)).count == BadInput.catalogue.count, "names must be unique")
    }

    @Test(arguments: BadInput.catalogue)
    func badInput(_ input: BadInput) throws {
        let scratch = Scratch(dir: try TemporaryDirectory(prefix: "katalog"))
        let output = try input.run(scratch)
        let said = output.errorText + output.text
        #expect(output.status == input.status, "\(input.name): exit status, said: \(said)")
        for words in input.says {
            #expect(said.contains(words), "\(input.name): no \"\(words)\" in: \(said)")
        }
        #expect(!said.contains("Fatal error") && !said.contains("Error: The"), "\(input.name): \(said)")
        let controls = (output.stdout + output.stderr).filter { $0 < 0x20 && $0 != 0x0A && $0 != 0x09 }
        #expect(controls.isEmpty, "\(input.name): a control character reached the terminal")
    }
}
