import Raster

/// A page registered to the printed sheet: the image turned upright and the
/// transform between sheet mm and its pixels.
public struct RegisteredPage: Sendable {
    /// How the page's orientation was decided.
    public enum OrientationEvidence: Sendable, Equatable {
        /// From where the decoded QR code lies.
        case qrCode
        /// From where the ink of the QR code's square lies (the code did not decode).
        case qrInk
        /// Nothing told; the page is taken as upright.
        case assumed
    }

    /// The page, rotated 180° when it was scanned upside down.
    public let image: GreyImage
    public let transform: PageTransform
    public let wasUpsideDown: Bool
    public let orientationEvidence: OrientationEvidence
}

/// Registers scanned pages to the printed sheet geometry using the four
/// corner marks, and the QR code to tell up from down.
public struct PageRegistration: Sendable {
    public let geometry: SheetGeometry

    public init(geometry: SheetGeometry) {
        self.geometry = geometry
    }

    /// Finds the marks in `page`, decides the orientation and fits the
    /// projective transform. `dpi` is the file's resolution if known;
    /// `qrCorners` are the corners (pixels of `page`) of the sheet's decoded QR code.
    public func register(_ page: GreyImage, dpi: Double?, qrCorners: [PlanePoint] = []) throws -> RegisteredPage {
        guard let marksMM = geometry.cornersInOrder else { throw RegistrationError.invalidSheetGeometry }
        let usableDPI = dpi.flatMap { (100...1200).contains($0) ? $0 : nil }
        var finder = MarkFinder(geometry: geometry, marksMM: marksMM, dpi: usableDPI)
        let (found, seen): ([PlanePoint], Int)
        do {
            (found, seen) = try finder.find(in: page)
        } catch  where usableDPI != nil {
            // The resolution in the file may be wrong; try again without it.
            finder = MarkFinder(geometry: geometry, marksMM: marksMM, dpi: nil)
            (found, seen) = try finder.find(in: page)
        }
        let upsideDownOrder = [3, 2, 1, 0]
        guard let upright = PageTransform(marksMM: marksMM, marksPixel: found, marksSeen: seen, dpiFromFile: usableDPI),
            let turned = PageTransform(
                marksMM: marksMM, marksPixel: upsideDownOrder.map { found[$0] },
                marksSeen: seen, dpiFromFile: usableDPI)
        else {
            throw RegistrationError.implausibleGeometry(detail: "avbildningen går inte att beräkna")
        }
        let (upsideDown, evidence) = orientation(page, upright, turned, qrCorners)
        guard upsideDown else {
            return RegisteredPage(image: page, transform: upright, wasUpsideDown: false, orientationEvidence: evidence)
        }
        let rotated = GreyImage(width: page.width, height: page.height, pixels: page.pixels.reversed())
        let w = Double(page.width), h = Double(page.height)
        let moved = upsideDownOrder.map { found[$0] }.map { PlanePoint(x: w - $0.x, y: h - $0.y) }
        guard
            let transform = PageTransform(
                marksMM: marksMM, marksPixel: moved, marksSeen: seen,
                dpiFromFile: usableDPI)
        else {
            throw RegistrationError.implausibleGeometry(detail: "avbildningen går inte att beräkna")
        }
        return RegisteredPage(image: rotated, transform: transform, wasUpsideDown: true, orientationEvidence: evidence)
    }

    /// Upright or upside down: the QR code sits at the top right of an upright sheet.
    private func orientation(
        _ page: GreyImage, _ upright: PageTransform, _ turned: PageTransform,
        _ qrCorners: [PlanePoint]
    ) -> (Bool, RegisteredPage.OrientationEvidence) {
        guard let qr = geometry.qrRectMM else { return (false, .assumed) }
        if !qrCorners.isEmpty {
            let n = Double(qrCorners.count)
            let centre = PlanePoint(x: qrCorners.map(\.x).reduce(0, +) / n, y: qrCorners.map(\.y).reduce(0, +) / n)
            let up = upright.millimetres(centre).distance(to: qr.center)
            let down = turned.millimetres(centre).distance(to: qr.center)
            let tolerance = max(qr.width, qr.height)
            if min(up, down) < tolerance { return (down < up, .qrCode) }
        }
        let inkUp = inkShare(page, qr, upright), inkDown = inkShare(page, qr, turned)
        if max(inkUp, inkDown) > 0.2, max(inkUp, inkDown) > 1.5 * min(inkUp, inkDown) {
            return (inkDown > inkUp, .qrInk)
        }
        return (false, .assumed)
    }

    /// Share of dark samples in `rect` (mm) under `transform`.
    private func inkShare(_ page: GreyImage, _ rect: PlaneRect, _ transform: PageTransform) -> Double {
        let sample = crop(page, rect: rect, transform: transform, pixelsPerMM: 2)
        guard !sample.isEmpty else { return 0 }
        return Double(sample.pixels.filter { $0 < 128 }.count) / Double(sample.pixels.count)
    }
}
