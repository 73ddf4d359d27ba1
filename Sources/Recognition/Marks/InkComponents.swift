/// Connected ink (8-neighbourhood) inside a rectangle of a mask, each with
/// its pixel count and extent, so specks can be told from strokes.
struct InkComponent {
    var pixels: Int
    var minX: Int, minY: Int, maxX: Int, maxY: Int
    /// The larger side of the bounding box, in pixels.
    var extent: Int { max(maxX - minX, maxY - minY) + 1 }
}

extension InkMask {
    func components(in rect: PixelRect) -> [InkComponent] {
        let x0 = max(0, rect.x), y0 = max(0, rect.y)
        let x1 = min(width, rect.maxX), y1 = min(height, rect.maxY)
        guard x1 > x0, y1 > y0 else { return [] }
        var seen = [Bool](repeating: false, count: width * height)
        var components: [InkComponent] = []
        var stack: [(Int, Int)] = []
        for y in y0..<y1 {
            for x in x0..<x1 where self[x, y] && !seen[y * width + x] {
                var component = InkComponent(pixels: 0, minX: x, minY: y, maxX: x, maxY: y)
                seen[y * width + x] = true
                stack.append((x, y))
                while let (cx, cy) = stack.popLast() {
                    component.pixels += 1
                    component.minX = min(component.minX, cx); component.maxX = max(component.maxX, cx)
                    component.minY = min(component.minY, cy); component.maxY = max(component.maxY, cy)
                    for ny in max(y0, cy - 1)...min(y1 - 1, cy + 1) {
                        for nx in max(x0, cx - 1)...min(x1 - 1, cx + 1) where self[nx, ny] && !seen[ny * width + nx] {
                            seen[ny * width + nx] = true
                            stack.append((nx, ny))
                        }
                    }
                }
                components.append(component)
            }
        }
        return components
    }
}
