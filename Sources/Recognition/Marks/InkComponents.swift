import Raster

extension InkMask {
    /// Connected ink (8-neighbourhood) inside `rect`, in mask coordinates, so
    /// specks can be told from strokes.
    func components(in rect: PixelRect) -> [InkComponent] {
        let x0 = max(0, rect.x), y0 = max(0, rect.y)
        let x1 = min(width, rect.maxX), y1 = min(height, rect.maxY)
        guard x1 > x0, y1 > y0 else { return [] }
        let w = x1 - x0, h = y1 - y0
        var region = [Bool](repeating: false, count: w * h)
        for y in 0..<h {
            for x in 0..<w { region[y * w + x] = ink[(y0 + y) * width + x0 + x] }
        }
        return ConnectedComponents.label(region, width: w, height: h, connectivity: .eight, origin: (x0, y0)).components
    }
}
