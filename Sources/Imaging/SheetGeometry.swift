import Raster

/// What the printed sheet looks like, in mm from its top-left corner: the
/// four filled square registration marks and (optionally) the QR code's square.
public struct SheetGeometry: Sendable {
    public var markCentresMM: [PlanePoint]
    public var markSizeMM: Double
    public var qrRectMM: PlaneRect?

    public init(markCentresMM: [PlanePoint], markSizeMM: Double, qrRectMM: PlaneRect? = nil) {
        self.markCentresMM = markCentresMM
        self.markSizeMM = markSizeMM
        self.qrRectMM = qrRectMM
    }

    /// The mark centres ordered top-left, top-right, bottom-left, bottom-right,
    /// or nil unless there are four that span a rectangle-like area.
    var cornersInOrder: [PlanePoint]? {
        guard markCentresMM.count == 4, markSizeMM > 0 else { return nil }
        let m = markCentresMM
        guard let tl = m.min(by: { $0.x + $0.y < $1.x + $1.y }), let br = m.max(by: { $0.x + $0.y < $1.x + $1.y }),
            let tr = m.max(by: { $0.x - $0.y < $1.x - $1.y }), let bl = m.min(by: { $0.x - $0.y < $1.x - $1.y })
        else {
            return nil
        }
        let ordered = [tl, tr, bl, br]
        guard Set(ordered).count == 4, tr.x - tl.x > 4 * markSizeMM, bl.y - tl.y > 4 * markSizeMM else { return nil }
        return ordered
    }

    static let cornerNames = ["uppe till vänster", "uppe till höger", "nere till vänster", "nere till höger"]
}
