import CQREncode

/// A QR symbol as a module matrix, encoded with the real libqrencode.
struct QRMatrix {
    let size: Int
    let dark: [Bool]

    init?(_ text: String, level: QRecLevel = QR_ECLEVEL_M) {
        guard let code = QRcode_encodeString(text, 0, level, QR_MODE_8, 1) else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        guard width > 0, let data = code.pointee.data else { return nil }
        size = width
        dark = (0..<(width * width)).map { data[$0] & 1 == 1 }
    }

    func isDark(_ column: Int, _ row: Int) -> Bool {
        guard column >= 0, row >= 0, column < size, row < size else { return false }
        return dark[row * size + column]
    }
}
