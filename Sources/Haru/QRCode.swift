import CQREncode
import Foundation
import Raster

/// QR error-correction levels the binder uses.
public enum QRErrorCorrection: Sendable {
    /// About 15 % of the code may be damaged.
    case medium
    /// About 25 % of the code may be damaged.
    case quartile

    var level: QRecLevel {
        switch self {
        case .medium: QR_ECLEVEL_M
        case .quartile: QR_ECLEVEL_Q
        }
    }
}

/// The modules of a QR code: `size` × `size`, row by row, true = dark.
public struct QRMatrix: Equatable, Sendable {
    public let size: Int
    public let modules: [Bool]

    public init(size: Int, modules: [Bool]) {
        precondition(size > 0 && modules.count == size * size, "QR matrix must be size × size")
        self.size = size
        self.modules = modules
    }

    /// Encodes `text` (as UTF-8, case-sensitive 8-bit mode) with libqrencode,
    /// choosing the smallest version that fits.
    public init(encoding text: String, correction: QRErrorCorrection = .medium) throws {
        guard !text.isEmpty, !text.utf8.contains(0) else {
            throw PDFError(operation: "skapa QR-kod", reason: .invalidArgument("texten är tom eller innehåller NUL"))
        }
        errno = 0
        guard let code = QRcode_encodeString(text, 0, correction.level, QR_MODE_8, 1) else {
            throw PDFError(operation: "skapa QR-kod", reason: .qrEncoding(errno: errno))
        }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        guard width > 0, let data = code.pointee.data else {
            throw PDFError(operation: "skapa QR-kod", reason: .qrEncoding(errno: EINVAL))
        }
        // Bit 0 of each byte is the module's colour (1 = dark).
        let cells = UnsafeBufferPointer(start: data, count: width * width)
        self.init(size: width, modules: cells.map { $0 & 1 == 1 })
    }

    public subscript(x: Int, y: Int) -> Bool { modules[y * size + x] }

    /// The dark runs of row `y` as (first column, length).
    func darkRuns(inRow y: Int) -> [(start: Int, length: Int)] {
        var runs: [(start: Int, length: Int)] = []
        var x = 0
        while x < size {
            guard self[x, y] else {
                x += 1
                continue
            }
            let start = x
            while x < size, self[x, y] { x += 1 }
            runs.append((start, x - start))
        }
        return runs
    }
}

extension GraphicsContext {
    /// Draws `matrix` in black within `square` (its smaller side is used,
    /// from the top-left corner), leaving a light margin of
    /// `quietZoneModules` modules inside the square. Each row's runs of dark
    /// modules become one rectangle, and the whole code one fill.
    public func qrCode(_ matrix: QRMatrix, in square: PlaneRect, quietZoneModules: Int = 4) throws {
        guard quietZoneModules >= 0 else {
            throw PDFError(operation: "rita QR-kod", reason: .invalidArgument("tyst zon \(quietZoneModules)"))
        }
        let side = min(square.width, square.height)
        let module = side / Double(matrix.size + 2 * quietZoneModules)
        guard module.isFinite, module > 0 else {
            throw PDFError(operation: "rita QR-kod", reason: .invalidArgument("QR-kodens sida \(side) mm"))
        }
        let originX = square.x + Double(quietZoneModules) * module
        let originY = square.y + Double(quietZoneModules) * module
        try saved { g in
            try g.fillGrey(0)
            try g.path(.fill) { p in
                for y in 0..<matrix.size {
                    for run in matrix.darkRuns(inRow: y) {
                        try p.rect(
                            PlaneRect(
                                x: originX + Double(run.start) * module,
                                y: originY + Double(y) * module,
                                width: Double(run.length) * module,
                                height: module))
                    }
                }
            }
        }
    }
}
