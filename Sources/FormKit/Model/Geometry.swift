import Raster

/// Lengths on a sheet are millimetres from the page's top-left corner, y
/// downwards, in the plane types every module shares.
public typealias Point = PlanePoint
public typealias Size = PlaneSize
public typealias Rect = PlaneRect

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
