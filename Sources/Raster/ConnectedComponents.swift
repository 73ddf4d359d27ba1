/// One connected piece of ink: its pixel count, bounding box and the sums of
/// its pixel coordinates (for the centroid), in the coordinates of the image
/// the mask was cut from.
public struct InkComponent: Sendable, Equatable {
    public var area: Int
    public var minX: Int, minY: Int, maxX: Int, maxY: Int
    public var sumX: Int, sumY: Int

    public var width: Int { maxX - minX + 1 }
    public var height: Int { maxY - minY + 1 }
    /// The larger side of the bounding box, in pixels.
    public var extent: Int { max(width, height) }
    /// Share of the bounding box covered by ink.
    public var fill: Double { Double(area) / Double(width * height) }
    /// Centroid in continuous pixel coordinates (pixel centres at +0.5).
    public var centroid: PlanePoint {
        PlanePoint(x: Double(sumX) / Double(area) + 0.5, y: Double(sumY) / Double(area) + 0.5)
    }
}

/// The connected components of a binary mask, and each pixel's component.
public struct ComponentLabels: Sendable {
    /// One entry per mask pixel, row-major: the index in `components`, or -1 off the ink.
    public var labels: [Int32]
    public var components: [InkComponent]
}

/// The one connected-component labeller: every module that groups ink into
/// pieces (registration marks, checkboxes, signatures, digits, text) uses it.
public enum ConnectedComponents {
    public enum Connectivity: Sendable {
        /// Edge neighbours only: two squares touching at a corner stay apart.
        case four
        /// Edge and corner neighbours: a thin diagonal stroke stays one piece.
        case eight
    }

    /// Labels the set pixels of the row-major `width` × `height` mask by flood
    /// fill. Bounding boxes and sums are offset by `origin` (where the mask's
    /// first pixel lies in the image it came from). Components are numbered in
    /// the order their first pixel is met, row by row.
    public static func label(
        _ mask: [Bool], width: Int, height: Int, connectivity: Connectivity,
        origin: (x: Int, y: Int) = (0, 0)
    ) -> ComponentLabels {
        precondition(mask.count == width * height, "ConnectedComponents: mask of \(mask.count) for \(width)×\(height)")
        var labels = [Int32](repeating: -1, count: mask.count)
        var components: [InkComponent] = []
        guard width > 0, height > 0 else { return ComponentLabels(labels: labels, components: []) }
        var stack = [Int](repeating: 0, count: mask.count)
        let diagonal = connectivity == .eight
        mask.withUnsafeBufferPointer { ink in
            labels.withUnsafeMutableBufferPointer { label in
                stack.withUnsafeMutableBufferPointer { pending in
                    for start in 0..<ink.count where ink[start] && label[start] < 0 {
                        let id = Int32(components.count)
                        var c = InkComponent(area: 0, minX: .max, minY: .max, maxX: .min, maxY: .min, sumX: 0, sumY: 0)
                        label[start] = id
                        pending[0] = start
                        var top = 1
                        while top > 0 {
                            top -= 1
                            let index = pending[top]
                            let x = index % width, y = index / width
                            c.area += 1
                            c.minX = min(c.minX, x)
                            c.maxX = max(c.maxX, x)
                            c.minY = min(c.minY, y)
                            c.maxY = max(c.maxY, y)
                            c.sumX += x
                            c.sumY += y
                            for ny in max(0, y - 1)...min(height - 1, y + 1) {
                                for nx in max(0, x - 1)...min(width - 1, x + 1) {
                                    guard diagonal || nx == x || ny == y else { continue }
                                    let n = ny * width + nx
                                    if ink[n] && label[n] < 0 {
                                        label[n] = id
                                        pending[top] = n
                                        top += 1
                                    }
                                }
                            }
                        }
                        c.minX += origin.x
                        c.maxX += origin.x
                        c.sumX += origin.x * c.area
                        c.minY += origin.y
                        c.maxY += origin.y
                        c.sumY += origin.y * c.area
                        components.append(c)
                    }
                }
            }
        }
        return ComponentLabels(labels: labels, components: components)
    }

    /// The components of the pixels of `image` no lighter than `threshold`
    /// inside the region (`x0`, `y0`, `width`, `height`), clipped to the
    /// image, in image coordinates; components smaller than `minArea` left out.
    public static func dark(
        in image: GreyImage, x0: Int, y0: Int, width: Int, height: Int, threshold: UInt8,
        minArea: Int, connectivity: Connectivity
    ) -> [InkComponent] {
        let left = max(0, x0), top = max(0, y0)
        let w = min(image.width, x0 + width) - left, h = min(image.height, y0 + height) - top
        guard w > 0, h > 0 else { return [] }
        var mask = [Bool](repeating: false, count: w * h)
        image.pixels.withUnsafeBufferPointer { px in
            for y in 0..<h {
                let row = (top + y) * image.width + left
                for x in 0..<w { mask[y * w + x] = px[row + x] <= threshold }
            }
        }
        return label(mask, width: w, height: h, connectivity: connectivity, origin: (left, top))
            .components.filter { $0.area >= minArea }
    }
}
