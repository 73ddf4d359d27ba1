/// A point in a plane: millimetres on the sheet or pixels in a scan, as the
/// parameter label says. (Imaging takes plain numbers, not FormKit types.)
public struct PlanePoint: Sendable, Hashable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) { self.x = x; self.y = y }

    public func distance(to other: PlanePoint) -> Double {
        ((x - other.x) * (x - other.x) + (y - other.y) * (y - other.y)).squareRoot()
    }
}

/// An axis-aligned rectangle, origin at the top left, y downwards.
public struct PlaneRect: Sendable, Hashable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }

    public var center: PlanePoint { PlanePoint(x: x + width / 2, y: y + height / 2) }
    public var corners: [PlanePoint] {
        [PlanePoint(x: x, y: y), PlanePoint(x: x + width, y: y),
         PlanePoint(x: x + width, y: y + height), PlanePoint(x: x, y: y + height)]
    }
}
