import Raster

/// A small correction of a field's position found from its printed outline.
public struct LocalOffset: Sendable, Equatable {
    /// Millimetres to add to the expected rectangle's x and y.
    public let dx: Double
    public let dy: Double
    /// Mean darkness (0…1) of the printed lines at the corrected position.
    public let lineStrength: Double
}

extension PageTransform {
    /// Looks within ±`searchMM` of `box` (sheet mm) for its printed outline –
    /// a comb-box row or a checkbox drawn in grey – using projection profiles,
    /// and returns how far the printed lines are from where the transform
    /// puts them. `dividersMM` are extra vertical lines (comb teeth) as sheet
    /// x positions. Nil when no line stands out from the paper.
    public func localOffset(
        in page: GreyImage, box: PlaneRect, searchMM: Double = 1,
        dividersMM: [Double] = []
    ) -> LocalOffset? {
        let ppmm = min(max(pixelsPerMM, 4), 16)
        let margin = searchMM + 0.5
        let area = PlaneRect(
            x: box.x - margin, y: box.y - margin,
            width: box.width + 2 * margin, height: box.height + 2 * margin)
        let sample = crop(page, rect: area, transform: self, pixelsPerMM: ppmm)
        guard !sample.isEmpty else { return nil }
        // Darkness profiles across the box: rows for horizontal lines, columns for vertical ones.
        let inner = { (a: Double, length: Double) -> Range<Int> in
            Int(((a + margin) * ppmm).rounded())..<Int(((a + margin + length) * ppmm).rounded())
        }
        let rows = profile(sample, along: .rows, over: inner(0, box.width))
        let columns = profile(sample, along: .columns, over: inner(0, box.height))
        let horizontal = [margin, margin + box.height]
        let vertical = [margin, margin + box.width] + dividersMM.map { $0 - box.x + margin }
        guard let y = bestShift(rows, lines: horizontal, ppmm: ppmm, search: searchMM),
            let x = bestShift(columns, lines: vertical, ppmm: ppmm, search: searchMM)
        else { return nil }
        let strength =
            (x.strength * Double(vertical.count) + y.strength * Double(horizontal.count))
            / Double(vertical.count + horizontal.count)
        guard strength > 0.06 else { return nil }
        return LocalOffset(dx: x.shift, dy: y.shift, lineStrength: strength)
    }

    private enum Axis { case rows, columns }

    /// Mean darkness (0…1) of each row (or column), counting only `span` across.
    private func profile(_ image: GreyImage, along axis: Axis, over span: Range<Int>) -> [Double] {
        let count = axis == .rows ? image.height : image.width
        let limit = axis == .rows ? image.width : image.height
        let across = max(0, span.lowerBound)..<min(limit, max(span.upperBound, span.lowerBound + 1))
        guard !across.isEmpty else { return [] }
        return (0..<count).map { i in
            var sum = 0
            for j in across { sum += 255 - Int(axis == .rows ? image[j, i] : image[i, j]) }
            return Double(sum) / Double(across.count * 255)
        }
    }

    /// The shift (mm) within ±search that puts the most darkness under the
    /// expected line positions (mm from the profile start), refined to
    /// sub-sample precision; with the mean darkness found there.
    private func bestShift(
        _ profile: [Double], lines: [Double], ppmm: Double,
        search: Double
    ) -> (shift: Double, strength: Double)? {
        guard profile.count > 2 else { return nil }
        func value(_ position: Double) -> Double {
            let p = position * ppmm - 0.5, i = Int(p.rounded(.down)), f = p - Double(i)
            guard i >= 0, i + 1 < profile.count else { return 0 }
            return profile[i] * (1 - f) + profile[i + 1] * f
        }
        let steps = Int((search * ppmm).rounded())
        let scores = (-steps...steps).map { s in lines.map { value($0 + Double(s) / ppmm) }.reduce(0, +) }
        guard let best = scores.indices.max(by: { scores[$0] < scores[$1] }) else { return nil }
        var offset = Double(best)
        if best > 0, best < scores.count - 1 {
            let a = scores[best - 1], b = scores[best], c = scores[best + 1]
            let denominator = a - 2 * b + c
            if denominator < 0 { offset += 0.5 * (a - c) / denominator }
        }
        let background = scores.sorted()[scores.count / 2]
        return ((offset - Double(steps)) / ppmm, (scores[best] - background) / Double(lines.count))
    }
}
