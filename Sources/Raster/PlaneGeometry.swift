/// A point in a plane: millimetres on a sheet or pixels in a scan, as the
/// caller's parameter label says. y grows downwards.
public struct PlanePoint: Codable, Hashable, Sendable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    public func distance(to other: PlanePoint) -> Double {
        ((x - other.x) * (x - other.x) + (y - other.y) * (y - other.y)).squareRoot()
    }
}

public struct PlaneSize: Codable, Hashable, Sendable {
    public var width: Double
    public var height: Double
    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }
}

/// An axis-aligned rectangle, origin at the top left, y downwards.
public struct PlaneRect: Codable, Hashable, Sendable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var minX: Double { x }
    public var minY: Double { y }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
    public var center: PlanePoint { PlanePoint(x: x + width / 2, y: y + height / 2) }
    /// Top-left, top-right, bottom-right, bottom-left.
    public var corners: [PlanePoint] {
        [
            PlanePoint(x: x, y: y), PlanePoint(x: x + width, y: y),
            PlanePoint(x: x + width, y: y + height), PlanePoint(x: x, y: y + height),
        ]
    }

    /// The rectangle shrunk by `d` on every side (grown when `d` is negative).
    public func inset(by d: Double) -> PlaneRect {
        PlaneRect(x: x + d, y: y + d, width: max(0, width - 2 * d), height: max(0, height - 2 * d))
    }

    /// The rectangle moved by (dx, dy).
    public func offset(dx: Double, dy: Double) -> PlaneRect {
        PlaneRect(x: x + dx, y: y + dy, width: width, height: height)
    }

    /// The smallest rectangle holding all of `rects`.
    public static func union(_ rects: [PlaneRect]) -> PlaneRect? {
        guard let first = rects.first else { return nil }
        var minX = first.minX, minY = first.minY, maxX = first.maxX, maxY = first.maxY
        for r in rects.dropFirst() {
            minX = min(minX, r.minX)
            minY = min(minY, r.minY)
            maxX = max(maxX, r.maxX)
            maxY = max(maxY, r.maxY)
        }
        return PlaneRect(x: minX, y: minY, width: maxX - minX, height: maxY - minY)
    }

    /// Coordinates rounded to a hundredth, for stable output.
    public var rounded: PlaneRect {
        func r(_ v: Double) -> Double { (v * 100).rounded() / 100 }
        return PlaneRect(x: r(x), y: r(y), width: r(width), height: r(height))
    }
}
