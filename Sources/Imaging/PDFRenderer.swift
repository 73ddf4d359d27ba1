import CPoppler
import Foundation
import Raster

/// Renders the pages of a PDF held in memory with poppler and cairo, one
/// page at a time, straight into grey pixels: no page image is ever written
/// to disk (the scans are confidential), and the file is parsed once.
final class PDFRenderer {
    private let document: OpaquePointer
    let file: String
    let pageCount: Int

    /// Opens the PDF in `bytes`; `file` names it in messages.
    init(_ bytes: [UInt8], file: String) throws(ImagingError) {
        var error: UnsafeMutablePointer<GError>?
        let opened = bytes.withUnsafeBytes { avb_poppler_open($0.baseAddress, gsize($0.count), &error) }
        guard let opened else {
            defer { if let error { g_error_free(error) } }
            if avb_poppler_is_encrypted(error) != 0 { throw .encrypted(file: file) }
            // poppler's own message is English: the kind of failure is all that is passed on.
            throw .damaged(file: file, page: nil, detail: "PDF-strukturen går inte att tolka")
        }
        document = opened
        self.file = file
        pageCount = Int(poppler_document_get_n_pages(document))
    }

    deinit { avb_g_object_release(UnsafeMutableRawPointer(document)) }

    /// The pixel size of page `number` (1-based) at `dpi`.
    func size(ofPage number: Int, dpi: Int) throws(ImagingError) -> ImageDimensions {
        let page = try page(number)
        defer { avb_g_object_release(UnsafeMutableRawPointer(page)) }
        var width = 0.0, height = 0.0
        poppler_page_get_size(page, &width, &height)
        let scale = Double(dpi) / 72
        guard width.isFinite, height.isFinite, width > 0, height > 0 else {
            throw .damaged(file: file, page: number, detail: "sidan saknar storlek")
        }
        return ImageDimensions(
            width: Int(min(width * scale, 1e9).rounded()), height: Int(min(height * scale, 1e9).rounded()))
    }

    /// Page `number` (1-based) rendered at `dpi` on white paper, as grey
    /// (the luminance of cairo's RGB).
    func render(page number: Int, dpi: Int, size: ImageDimensions) throws(ImagingError) -> GreyImage {
        let page = try page(number)
        defer { avb_g_object_release(UnsafeMutableRawPointer(page)) }
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(size.width), Int32(size.height)),
            cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS
        else {
            throw .damaged(file: file, page: number, detail: "minnet räcker inte för sidan")
        }
        defer { cairo_surface_destroy(surface) }
        guard let context = cairo_create(surface) else {
            throw .damaged(file: file, page: number, detail: "sidan går inte att rita")
        }
        cairo_set_source_rgb(context, 1, 1, 1)
        cairo_paint(context)
        cairo_scale(context, Double(dpi) / 72, Double(dpi) / 72)
        poppler_page_render_for_printing(page, context)
        let status = cairo_status(context)
        cairo_destroy(context)
        cairo_surface_flush(surface)
        guard status == CAIRO_STATUS_SUCCESS, let data = cairo_image_surface_get_data(surface) else {
            // cairo's status text is English; its number is kept so a report can still be traced.
            if status == CAIRO_STATUS_NO_MEMORY {
                throw .damaged(file: file, page: number, detail: "minnet räcker inte för sidan")
            }
            throw .damaged(
                file: file, page: number, detail: "sidan går inte att rita (cairo-status \(status.rawValue))")
        }
        let stride = Int(cairo_image_surface_get_stride(surface))
        var pixels = [UInt8](repeating: 255, count: size.width * size.height)
        pixels.withUnsafeMutableBufferPointer { grey in
            for y in 0..<size.height {
                // RGB24 is one 32-bit word per pixel, 0x00RRGGBB in native byte order.
                let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
                for x in 0..<size.width {
                    let word = row[x]
                    let r = (word >> 16) & 0xFF, g = (word >> 8) & 0xFF, b = word & 0xFF
                    grey[y * size.width + x] = UInt8((299 * r + 587 * g + 114 * b + 500) / 1000)
                }
            }
        }
        return GreyImage(width: size.width, height: size.height, pixels: pixels)
    }

    private func page(_ number: Int) throws(ImagingError) -> OpaquePointer {
        guard number >= 1, number <= pageCount,
            let page = poppler_document_get_page(document, Int32(number - 1))
        else {
            throw .damaged(file: file, page: number, detail: "sidan finns inte i PDF-filen")
        }
        return page
    }
}
