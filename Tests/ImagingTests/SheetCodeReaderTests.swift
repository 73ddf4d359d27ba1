import CQREncode
import Foundation
import Imaging
import Raster
import Testing

@Suite struct SheetCodeReaderTests {
    @Test func decodesTheSheetCodeOnA300DPIPage() throws {
        let scan = SyntheticScan()
        let codes = try SheetCodeReader().read(scan.render())
        #expect(codes.map(\.text) == [scan.qrText])
        let corners = try #require(codes.first?.corners)
        // Every QR corner lies within 1 mm of a printed corner of the symbol.
        for corner in corners {
            let nearest = scan.qrRectMM.corners.map { scan.pixel(forMM: $0).distance(to: corner) }.min() ?? .infinity
            #expect(nearest / scan.pixelsPerMM < 1.0)
        }
    }
}
