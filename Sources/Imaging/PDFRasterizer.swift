import CLeptonica
import Foundation
import Platform

/// Rasterises a PDF page by page with poppler's `pdfinfo` and `pdftoppm`
/// into a private temporary directory that is removed afterwards.
struct PDFRasterizer {
    let file: String
    let dpi: Int
    let limits: ScanLoader.Limits
    /// Seconds one tool run may take before it is stopped.
    var timeout: TimeInterval = 120
    /// Where the private working directory is made.
    var temporaryRoot = FileManager.default.temporaryDirectory

    /// Rasterises page after page, handing each to `body`.
    func pages(_ body: (Result<ScanPage, ImagingError>) throws -> Void) throws {
        let info = try run("pdfinfo", [file], includeErrors: true)
        // poppler reports an empty page tree as an error, not as "Pages: 0".
        if info.output.contains("Invalid page count 0") { throw ImagingError.noPages(file: file) }
        guard info.status == 0 else {
            throw ImagingError.damaged(file: file, page: nil, detail: "PDF-strukturen går inte att tolka")
        }
        guard let count = Self.value(of: "Pages", in: info.output).flatMap({ Int($0) }) else {
            throw ImagingError.damaged(file: file, page: nil, detail: "sidantalet går inte att läsa")
        }
        guard count > 0 else { throw ImagingError.noPages(file: file) }
        guard count <= limits.maxPages else {
            throw ImagingError.tooManyPages(file: file, max: limits.maxPages)
        }
        let sizes = try pageSizes(count)

        let directory =
            temporaryRoot
            .appendingPathComponent("avbrott-pdf-\(UUID().uuidString)", isDirectory: true)
        do {
            try FileManager.default.createDirectory(
                at: directory, withIntermediateDirectories: false,
                attributes: [.posixPermissions: 0o700])
        } catch {
            throw ImagingError.toolFailed(file: file, tool: "pdftoppm", detail: "kan inte skapa en tillfällig mapp")
        }
        defer { try? FileManager.default.removeItem(at: directory) }

        let loader = ScanLoader(limits: limits, pdfDPI: dpi)
        for number in 1...count {
            try body(
                loader.attempt(file, number) {
                    try rasterise(number, size: sizes[number], into: directory, loader)
                })
        }
    }

    private func rasterise(
        _ number: Int, size: ImageDimensions?, into directory: URL,
        _ loader: ScanLoader
    ) throws -> ScanPage {
        if let size { try loader.checkSize(size, file, page: number) }
        let prefix = directory.appendingPathComponent("p\(number)").path
        let result = try run("pdftoppm", ["-r", "\(dpi)", "-gray", "-f", "\(number)", "-l", "\(number)", file, prefix])
        let produced = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        guard result.status == 0,
            let name = produced.first(where: { $0.hasPrefix("p\(number)-") && $0.hasSuffix(".pgm") })
        else {
            throw ImagingError.damaged(file: file, page: number, detail: "sidan går inte att rastrera")
        }
        let path = directory.appendingPathComponent(name).path
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try loader.page(from: pixRead(path), number: number, path: file, reportPage: number, dpi: Double(dpi))
    }

    /// Page sizes in pixels at `dpi`, from `pdfinfo -f 1 -l N`, keyed by page.
    private func pageSizes(_ count: Int) throws -> [Int: ImageDimensions] {
        let info = try run("pdfinfo", ["-f", "1", "-l", "\(count)", file])
        var sizes: [Int: ImageDimensions] = [:]
        for line in info.output.split(separator: "\n") where line.hasPrefix("Page ") && line.contains(" size:") {
            let words = line.split(whereSeparator: { $0 == " " || $0 == ":" })
            guard words.count >= 6, let page = Int(words[1]),
                let w = Double(words[3]), let h = Double(words[5]), w.isFinite, h.isFinite
            else { continue }
            let scale = Double(dpi) / 72
            sizes[page] = ImageDimensions(
                width: Int(min(w * scale, 1e9).rounded()),
                height: Int(min(h * scale, 1e9).rounded()))
        }
        return sizes
    }

    static func value(of key: String, in output: String) -> String? {
        for line in output.split(separator: "\n") where line.hasPrefix(key + ":") {
            return line.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    /// Runs a poppler tool found on PATH; stdout is captured, and stderr with
    /// it when `includeErrors` is set (else discarded).
    private func run(
        _ tool: String, _ arguments: [String],
        includeErrors: Bool = false
    ) throws -> (status: Int32, output: String) {
        guard let toolPath = executable(named: tool, alsoIn: ["/usr/bin"]) else {
            throw ImagingError.toolFailed(
                file: file, tool: tool,
                detail: "programmet saknas (installera poppler-utils)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: toolPath)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = includeErrors ? pipe : FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw ImagingError.toolFailed(file: file, tool: tool, detail: "programmet kunde inte startas")
        }
        let deadline = Date().addingTimeInterval(timeout)
        let watchdog = Thread { [process] in
            while process.isRunning {
                if Date() > deadline {
                    process.terminate()
                    return
                }
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        watchdog.start()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationReason == .uncaughtSignal, Date() > deadline {
            throw ImagingError.toolFailed(file: file, tool: tool, detail: "avbröts efter \(Int(timeout)) sekunder")
        }
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
