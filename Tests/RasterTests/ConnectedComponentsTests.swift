import Raster
import Testing

@Suite("ConnectedComponents")
struct ConnectedComponentsTests {
    /// A mask from rows of "#" (ink) and "." (paper).
    func mask(_ rows: [String]) -> (mask: [Bool], width: Int, height: Int) {
        (rows.flatMap { $0.map { $0 == "#" } }, rows[0].count, rows.count)
    }

    @Test func aDiagonalIsOnePieceOnlyWithCornerNeighbours() {
        let m = mask([
            "#...",
            ".#..",
            "..#.",
            "...#",
        ])
        #expect(
            ConnectedComponents.label(m.mask, width: m.width, height: m.height, connectivity: .eight).components.count
                == 1)
        #expect(
            ConnectedComponents.label(m.mask, width: m.width, height: m.height, connectivity: .four).components.count
                == 4)
    }

    @Test func componentsKnowTheirBoxAreaAndCentroidInImageCoordinates() throws {
        let m = mask([
            "##..#",
            "##...",
            "....#",
        ])
        let found = ConnectedComponents.label(
            m.mask, width: m.width, height: m.height, connectivity: .eight,
            origin: (10, 20))
        #expect(found.components.count == 3)
        let square = try #require(found.components.first)
        #expect((square.minX, square.minY, square.maxX, square.maxY, square.area) == (10, 20, 11, 21, 4))
        #expect(square.centroid == PlanePoint(x: 11, y: 21))
        #expect(square.fill == 1 && square.extent == 2)
        #expect(found.labels[0] == 0 && found.labels[4] == 1 && found.labels[14] == 2 && found.labels[2] == -1)
    }

    @Test func darkPiecesOfAnImageRegionAboveAMinimumArea() {
        var image = GreyImage(width: 20, height: 10)
        for y in 2..<6 { for x in 12..<16 { image[x, y] = 0 } }
        image[1, 1] = 10
        let pieces = ConnectedComponents.dark(
            in: image, x0: 10, y0: 0, width: 30, height: 10, threshold: 100,
            minArea: 2, connectivity: .four)
        #expect(pieces.count == 1)
        #expect(pieces.first?.minX == 12 && pieces.first?.minY == 2 && pieces.first?.area == 16)
        #expect(
            ConnectedComponents.dark(
                in: image, x0: 0, y0: 0, width: 5, height: 5, threshold: 100, minArea: 1,
                connectivity: .four
            ).count == 1)
    }
}
