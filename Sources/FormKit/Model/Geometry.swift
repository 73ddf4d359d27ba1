/// Lengths in millimetres, measured from the page's top-left corner, y downwards.
public struct Point: Codable, Hashable, Sendable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) { self.x = x; self.y = y }
}

public struct Size: Codable, Hashable, Sendable {
    public var width: Double
    public var height: Double
    public init(width: Double, height: Double) { self.width = width; self.height = height }
}

public struct Rect: Codable, Hashable, Sendable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }

    public var minX: Double { x }
    public var minY: Double { y }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
    public var center: Point { Point(x: x + width / 2, y: y + height / 2) }

    /// The rectangle shrunk by `d` on every side.
    public func inset(by d: Double) -> Rect {
        Rect(x: x + d, y: y + d, width: max(0, width - 2 * d), height: max(0, height - 2 * d))
    }

    /// The rectangle moved by (dx, dy).
    public func offset(dx: Double, dy: Double) -> Rect {
        Rect(x: x + dx, y: y + dy, width: width, height: height)
    }

    /// The smallest rectangle holding all of `rects`.
    public static func union(_ rects: [Rect]) -> Rect? {
        guard let first = rects.first else { return nil }
        var minX = first.minX, minY = first.minY, maxX = first.maxX, maxY = first.maxY
        for r in rects.dropFirst() {
            minX = min(minX, r.minX); minY = min(minY, r.minY)
            maxX = max(maxX, r.maxX); maxY = max(maxY, r.maxY)
        }
        return Rect(x: minX, y: minY, width: maxX - minX, height: maxY - minY)
    }

    /// Coordinates rounded to a hundredth of a millimetre, for stable output.
    public var rounded: Rect {
        func r(_ v: Double) -> Double { (v * 100).rounded() / 100 }
        return Rect(x: r(x), y: r(y), width: r(width), height: r(height))
    }
}

/// Page sizes the forms use.
public enum PaperOrientation: String, CaseIterable, Codable, Sendable {
    case portrait, landscape
}

public enum Paper {
    /// ISO A4 in the given orientation.
    public static func a4(_ orientation: PaperOrientation) -> Size {
        orientation == .portrait ? Size(width: 210, height: 297) : Size(width: 297, height: 210)
    }
}
