/// Walks the image file directories (IFDs) of a classic TIFF to learn the
/// page count and each page's size before anything is decoded.
struct TIFFDirectory {
    /// One IFD: its size, or nil when the directory lacks width or height.
    var pages: [ImageDimensions?]
    /// Set when the chain of directories breaks off (truncated or looping file).
    var brokenAfter: Int?

    /// Reads at most `maxPages` directories (the caller refuses longer files).
    init(_ bytes: [UInt8], maxPages: Int) throws {
        guard bytes.count >= 8 else { throw ImageHeader.Problem(detail: "TIFF-huvudet är avkortat") }
        let little = bytes[0] == 0x49
        func u16(_ i: Int) -> Int {
            little ? Int(bytes[i]) | Int(bytes[i + 1]) << 8 : Int(bytes[i]) << 8 | Int(bytes[i + 1])
        }
        func u32(_ i: Int) -> Int {
            little ? u16(i) | u16(i + 2) << 16 : u16(i) << 16 | u16(i + 2)
        }
        var pages: [ImageDimensions?] = []
        var seen = Set<Int>()
        var offset = u32(4)
        var broken: Int?
        while offset != 0 {
            guard offset + 2 <= bytes.count, !seen.contains(offset), pages.count < maxPages else {
                broken = pages.count
                break
            }
            seen.insert(offset)
            let count = u16(offset)
            let end = offset + 2 + count * 12
            guard end + 4 <= bytes.count else {
                broken = pages.count
                break
            }
            var width: Int?, height: Int?
            for e in 0..<count {
                let entry = offset + 2 + e * 12
                let tag = u16(entry), type = u16(entry + 2)
                guard tag == 256 || tag == 257 else { continue }
                let value = type == 3 ? u16(entry + 8) : type == 4 ? u32(entry + 8) : nil
                if tag == 256 { width = value } else { height = value }
            }
            if let width, let height {
                pages.append(ImageDimensions(width: width, height: height))
            } else {
                pages.append(nil)
            }
            offset = u32(end)
        }
        guard !pages.isEmpty else { throw ImageHeader.Problem(detail: "TIFF-filen saknar bildkatalog") }
        self.pages = pages
        self.brokenAfter = broken
    }
}
