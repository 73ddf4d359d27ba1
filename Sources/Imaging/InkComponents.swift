import Raster

/// One 4-connected blob of ink pixels.
struct InkComponent {
    var minX: Int, minY: Int, maxX: Int, maxY: Int
    var area: Int
    var sumX: Double, sumY: Double

    var width: Int { maxX - minX + 1 }
    var height: Int { maxY - minY + 1 }
    /// Centroid in continuous pixel coordinates (pixel centres at +0.5).
    var centroid: PlanePoint { PlanePoint(x: sumX / Double(area) + 0.5, y: sumY / Double(area) + 0.5) }
    /// Share of the bounding box covered by ink.
    var fill: Double { Double(area) / Double(width * height) }
}

enum InkComponents {
    /// Connected components of pixels ≤ `threshold` inside the region
    /// (x0, y0, w, h) of `image`, in image coordinates; union–find labelling.
    static func find(in image: GreyImage, x0: Int, y0: Int, width w: Int, height h: Int,
                     threshold: UInt8, minArea: Int) -> [InkComponent] {
        guard w > 0, h > 0 else { return [] }
        var labels = [Int32](repeating: -1, count: w * h)
        var parent: [Int32] = []
        func root(_ a: Int32) -> Int32 {
            var a = a
            while parent[Int(a)] != a { parent[Int(a)] = parent[Int(parent[Int(a)])]; a = parent[Int(a)] }
            return a
        }
        image.pixels.withUnsafeBufferPointer { px in
            for y in 0..<h {
                let row = (y0 + y) * image.width + x0
                for x in 0..<w where px[row + x] <= threshold {
                    let left: Int32 = x > 0 ? labels[y * w + x - 1] : -1
                    let up: Int32 = y > 0 ? labels[(y - 1) * w + x] : -1
                    var label: Int32
                    if left >= 0, up >= 0 {
                        let a = root(left), b = root(up)
                        label = min(a, b)
                        parent[Int(max(a, b))] = label
                    } else if left >= 0 { label = left } else if up >= 0 { label = up } else {
                        label = Int32(parent.count); parent.append(label)
                    }
                    labels[y * w + x] = label
                }
            }
        }
        var slot = [Int](repeating: -1, count: parent.count)
        var components: [InkComponent] = []
        for y in 0..<h {
            for x in 0..<w {
                let l = labels[y * w + x]
                guard l >= 0 else { continue }
                let r = root(l), gx = x0 + x, gy = y0 + y
                if slot[Int(r)] >= 0 {
                    let i = slot[Int(r)]
                    components[i].minX = min(components[i].minX, gx); components[i].maxX = max(components[i].maxX, gx)
                    components[i].minY = min(components[i].minY, gy); components[i].maxY = max(components[i].maxY, gy)
                    components[i].area += 1; components[i].sumX += Double(gx); components[i].sumY += Double(gy)
                } else {
                    slot[Int(r)] = components.count
                    components.append(InkComponent(minX: gx, minY: gy, maxX: gx, maxY: gy, area: 1,
                                                   sumX: Double(gx), sumY: Double(gy)))
                }
            }
        }
        return components.filter { $0.area >= minArea }
    }
}
