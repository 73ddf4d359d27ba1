import CLeptonica
import Foundation
import Leptonica
import Platform
import Raster

/// One page of a scan file.
public struct ScanPage: Sendable {
    /// 1-based page number within the file.
    public let pageNumber: Int
    public let image: GreyImage
    /// Resolution from the file (or the PDF rasterisation), nil when unknown.
    public let dpi: Double?
}

/// The readable pages of one scan file, plus the pages that could not be read.
public struct ScanDocument: Sendable {
    public let file: String
    public let format: ScanFormat
    public let pages: [ScanPage]
    /// Failures of single pages; the other pages are still in `pages`.
    public let pageErrors: [ImagingError]
}

/// Reads scan files (PNG, JPEG, TIFF incl. multi-page, PDF) into grey pages.
public struct ScanLoader: Sendable {
    public struct Limits: Sendable {
        public var maxSide: Int
        public var maxPixels: Int
        public var maxFileBytes: Int
        public var maxPages: Int
        public init(
            maxSide: Int = 15_000, maxPixels: Int = 100_000_000, maxFileBytes: Int = 512 << 20,
            maxPages: Int = 1000
        ) {
            self.maxSide = maxSide
            self.maxPixels = maxPixels
            self.maxFileBytes = maxFileBytes
            self.maxPages = maxPages
        }
    }

    public var limits: Limits
    /// Resolution at which PDF pages are rasterised.
    public var pdfDPI: Int

    public init(limits: Limits = Limits(), pdfDPI: Int = 300) {
        self.limits = limits
        self.pdfDPI = pdfDPI
    }

    /// Loads every page of the file at `path` (read with `FileReader`: never
    /// blocks on a FIFO). Throws when the file as a whole is unusable or no
    /// page at all could be read.
    public func load(_ path: String) throws -> ScanDocument {
        let bytes: [UInt8]
        do { bytes = try FileReader.read(FilePath(path), maxBytes: limits.maxFileBytes) } catch {
            throw ImagingError.unreadable(file: path, reason: error.reason)
        }
        var pages: [ScanPage] = [], errors: [ImagingError] = []
        let (format, _) = try forEachPage(of: bytes, name: path) { result in
            switch result {
            case .success(let page): pages.append(page)
            case .failure(let error): errors.append(error)
            }
        }
        if pages.isEmpty, let first = errors.first { throw first }
        return ScanDocument(file: path, format: format, pages: pages, pageErrors: errors)
    }

    /// Decodes the pages of the file's `bytes` one at a time and hands each
    /// (or its failure) to `body`, so a long scan never holds more than one
    /// page in memory. Pages in `skipping` (already stored) are
    /// not decoded at all. Throws, before any page, when the file as a whole
    /// is unusable; `name` names it in messages.
    @discardableResult
    public func forEachPage(
        of bytes: [UInt8], name: String, skipping skip: Set<Int> = [],
        _ body: (Result<ScanPage, ImagingError>) throws -> Void
    ) throws -> (format: ScanFormat, pageCount: Int) {
        _ = Pix.silenced
        guard !bytes.isEmpty else { throw ImagingError.emptyFile(file: name) }
        guard bytes.count <= limits.maxFileBytes else {
            throw ImagingError.unreadable(file: name, reason: "filen är större än \(limits.maxFileBytes >> 20) MB")
        }
        let data = Data(bytes)
        guard let format = ScanFormat.detect(data) else { throw ImagingError.unsupportedFormat(file: name) }
        switch format {
        case .png, .jpeg:
            if !skip.contains(1) { try body(attempt(name, nil) { try decodeSingle(data, format, name) }) }
            return (format, 1)
        case .tiff: return (format, try decodeTIFF(data, name, skip, body))
        case .pdf: return (format, try decodePDF(bytes, name, skip, body))
        }
    }

    /// PDF pages rendered in memory at `pdfDPI`, sizes checked before rendering.
    private func decodePDF(
        _ bytes: [UInt8], _ name: String, _ skip: Set<Int>,
        _ body: (Result<ScanPage, ImagingError>) throws -> Void
    ) throws -> Int {
        let renderer = try PDFRenderer(bytes, file: name)
        guard renderer.pageCount > 0 else { throw ImagingError.noPages(file: name) }
        guard renderer.pageCount <= limits.maxPages else {
            throw ImagingError.tooManyPages(file: name, max: limits.maxPages)
        }
        for number in 1...renderer.pageCount where !skip.contains(number) {
            try body(
                attempt(name, number) {
                    let size = try renderer.size(ofPage: number, dpi: pdfDPI)
                    try checkSize(size, name, page: number)
                    let image = try renderer.render(page: number, dpi: pdfDPI, size: size)
                    return ScanPage(pageNumber: number, image: image, dpi: Double(pdfDPI))
                })
        }
        return renderer.pageCount
    }

    /// Throws `tooLarge` unless the dimensions are within the limits.
    func checkSize(_ d: ImageDimensions, _ path: String, page: Int?) throws {
        guard d.width > 0, d.height > 0 else {
            throw ImagingError.damaged(file: path, page: page, detail: "bilden saknar storlek")
        }
        guard d.width <= limits.maxSide, d.height <= limits.maxSide, d.width * d.height <= limits.maxPixels else {
            throw ImagingError.tooLarge(
                file: path, page: page, width: d.width, height: d.height,
                maxSide: limits.maxSide, maxPixels: limits.maxPixels)
        }
    }

    private func decodeSingle(_ data: Data, _ format: ScanFormat, _ path: String) throws -> ScanPage {
        let bytes = [UInt8](data)
        let dims: ImageDimensions
        do {
            dims = format == .png ? try ImageHeader.png(bytes) : try ImageHeader.jpeg(bytes)
            try checkSize(dims, path, page: nil)
            let complete = format == .png ? ImageHeader.pngIsComplete(bytes) : ImageHeader.jpegIsComplete(bytes)
            guard complete else { throw ImageHeader.Problem(detail: "filen tar slut för tidigt") }
        } catch let problem as ImageHeader.Problem {
            throw ImagingError.damaged(file: path, page: nil, detail: problem.detail)
        }
        let raw = bytes.withUnsafeBufferPointer { buffer -> UnsafeMutablePointer<PIX>? in
            guard let base = buffer.baseAddress else { return nil }
            if format == .png { return pixReadMemPng(base, buffer.count) }
            // Luminance only for grey and YCbCr; libjpeg cannot do that for CMYK.
            let hint = dims.components == 4 ? 0 : Int32(L_JPEG_READ_LUMINANCE)
            var warnings: Int32 = 0
            return pixReadMemJpeg(base, buffer.count, 0, 1, &warnings, hint)
        }
        return try page(from: raw, number: 1, path: path, reportPage: nil)
    }

    private func decodeTIFF(
        _ data: Data, _ path: String, _ skip: Set<Int>,
        _ body: (Result<ScanPage, ImagingError>) throws -> Void
    ) throws -> Int {
        let bytes = [UInt8](data)
        let directory: TIFFDirectory
        do {
            directory = try TIFFDirectory(bytes, maxPages: limits.maxPages + 1)
        } catch let problem as ImageHeader.Problem {
            throw ImagingError.damaged(file: path, page: nil, detail: problem.detail)
        }
        guard directory.pages.count <= limits.maxPages else {
            throw ImagingError.tooManyPages(file: path, max: limits.maxPages)
        }
        let multi = directory.pages.count > 1 || directory.brokenAfter != nil
        for (index, dims) in directory.pages.enumerated() where !skip.contains(index + 1) {
            let number = index + 1
            let label = multi ? number : nil
            try body(
                attempt(path, label) {
                    guard let dims else {
                        throw ImagingError.damaged(file: path, page: label, detail: "TIFF-sidan saknar storlek")
                    }
                    try checkSize(dims, path, page: label)
                    let raw = bytes.withUnsafeBufferPointer { buffer in
                        buffer.baseAddress.flatMap { pixReadMemTiff($0, buffer.count, Int32(index)) }
                    }
                    return try page(from: raw, number: number, path: path, reportPage: label)
                })
        }
        if let broken = directory.brokenAfter, !skip.contains(broken + 1) {
            try body(
                .failure(
                    .damaged(
                        file: path, page: broken + 1,
                        detail: "filen tar slut eller är trasig efter sida \(broken)")))
        }
        return directory.pages.count + (directory.brokenAfter == nil ? 0 : 1)
    }

    /// Runs `body` and keeps its outcome, so one bad page does not stop the others.
    func attempt(_ path: String, _ page: Int?, _ body: () throws -> ScanPage) -> Result<ScanPage, ImagingError> {
        do { return .success(try body()) } catch let error as ImagingError {
            return .failure(error)
        } catch {
            return .failure(.damaged(file: path, page: page, detail: String(describing: error)))
        }
    }

    /// Wraps a decoded Leptonica image as a page, or reports the decode failure.
    func page(
        from raw: UnsafeMutablePointer<PIX>?, number: Int, path: String,
        reportPage: Int?, dpi: Double? = nil
    ) throws -> ScanPage {
        guard let raw else {
            throw ImagingError.damaged(file: path, page: reportPage, detail: "bilddata kunde inte avkodas")
        }
        let pix = Pix(owning: raw)
        let image: GreyImage
        do { image = try pix.greyImage() } catch {
            throw ImagingError.damaged(file: path, page: reportPage, detail: "bildens pixelformat stöds inte")
        }
        return ScanPage(pageNumber: number, image: image, dpi: dpi ?? pix.dpi)
    }
}
