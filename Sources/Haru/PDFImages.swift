import CHaru
import Foundation
import Raster

extension PDFDocument {
    /// Marks the document PDF/A-1b: libharu writes the XMP metadata and the
    /// document ID, and the ICC profile at `iccProfile` (one grey component)
    /// becomes its output intent. Call before adding pages.
    public func conformToPDFA1b(greyICCProfile path: String) throws {
        guard access(path, R_OK) == 0 else {
            throw PDFError(
                operation: "göra dokumentet till PDF/A",
                reason: .profileMissing(path: path, debianPackage: "icc-profiles-free"))
        }
        try perform("göra dokumentet till PDF/A-1b", "HPDF_PDFA_SetPDFAConformance") {
            HPDF_PDFA_SetPDFAConformance(handle, HPDF_PDFA_1B)
        }
        let intent = try obtain("läsa in färgprofilen \(path)", "HPDF_LoadIccProfileFromFile") {
            HPDF_LoadIccProfileFromFile(handle, path, 1)
        }
        try perform("ange PDF/A-dokumentets färgprofil", "HPDF_PDFA_AppendOutputIntents") {
            HPDF_PDFA_AppendOutputIntents(handle, "Gray", intent)
        }
        pdfaTitlePending = true
    }

    /// The XMP metadata PDF/A requires (libharu 2.3 writes none): the
    /// PDF/A identification and the title and producer, equal to the
    /// document information. Added once, when the title is known.
    func addPDFAMetadata(title: String) throws {
        let doc = handle.pointee
        let stream = try obtain("skapa PDF/A-metadata", "HPDF_DictStream_New") {
            HPDF_DictStream_New(doc.mmgr, doc.xref)
        }
        try perform("skapa PDF/A-metadata", "HPDF_Dict_AddName") { HPDF_Dict_AddName(stream, "Type", "Metadata") }
        try perform("skapa PDF/A-metadata", "HPDF_Dict_AddName") { HPDF_Dict_AddName(stream, "Subtype", "XML") }
        stream.pointee.filter = HPDF_UINT(HPDF_STREAM_FILTER_NONE)
        try perform("skriva PDF/A-metadata", "HPDF_Stream_WriteStr") {
            HPDF_Stream_WriteStr(stream.pointee.stream, Self.xmp(title: title))
        }
        try perform("lägga in PDF/A-metadata", "HPDF_Dict_Add") { HPDF_Dict_Add(doc.catalog, "Metadata", stream) }
    }

    static func xmp(title: String) -> String {
        let escaped = title.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
        return """
            <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
            <x:xmpmeta xmlns:x="adobe:ns:meta/">
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
            <pdfaid:part>1</pdfaid:part>
            <pdfaid:conformance>B</pdfaid:conformance>
            </rdf:Description>
            <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <dc:title><rdf:Alt><rdf:li xml:lang="x-default">\(escaped)</rdf:li></rdf:Alt></dc:title>
            </rdf:Description>
            <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
            <pdf:Producer>Haru Free PDF Library 2.3.0</pdf:Producer>
            </rdf:Description>
            </rdf:RDF>
            </x:xmpmeta>
            <?xpacket end="w"?>
            """
    }
}

extension PDFPage {
    /// Draws a greyscale image (8 bits, uncompressed in memory, deflated in
    /// the file) into the rectangle, `x`/`y` from the page's top left in mm.
    public func drawImage(_ image: GreyImage, x: Double, y: Double, width: Double, height: Double) throws {
        guard !image.isEmpty else { return }
        let loaded = try image.pixels.withUnsafeBufferPointer { buffer in
            try document.obtain("lägga in en bild", "HPDF_LoadRawImageFromMem") {
                HPDF_LoadRawImageFromMem(
                    document.handle, buffer.baseAddress, HPDF_UINT(image.width), HPDF_UINT(image.height),
                    HPDF_CS_DEVICE_GRAY, 8)
            }
        }
        let px = try self.x(x), py = try self.y(y + height)
        let w = try points(width, "bredd"), h = try points(height, "höjd")
        try perform("rita en bild", "HPDF_Page_DrawImage") { HPDF_Page_DrawImage($0, loaded, px, py, w, h) }
    }
}
