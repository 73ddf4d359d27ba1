import Raster

/// A projective transform of the plane, a 3×3 matrix with h[8] normalised to 1.
public struct Homography: Sendable, Equatable {
    /// Row-major coefficients.
    public let h: [Double]

    public init(_ h: [Double]) {
        precondition(h.count == 9)
        self.h = h
    }

    public static let identity = Homography([1, 0, 0, 0, 1, 0, 0, 0, 1])

    public func apply(_ p: PlanePoint) -> PlanePoint {
        let w = h[6] * p.x + h[7] * p.y + h[8]
        return PlanePoint(x: (h[0] * p.x + h[1] * p.y + h[2]) / w, y: (h[3] * p.x + h[4] * p.y + h[5]) / w)
    }

    /// The inverse transform, or nil when the matrix is singular.
    public func inverted() -> Homography? {
        let a = h
        let c0 = a[4] * a[8] - a[5] * a[7], c1 = a[5] * a[6] - a[3] * a[8], c2 = a[3] * a[7] - a[4] * a[6]
        let det = a[0] * c0 + a[1] * c1 + a[2] * c2
        guard abs(det) > 1e-12, det.isFinite else { return nil }
        let inv = [
            c0, a[2] * a[7] - a[1] * a[8], a[1] * a[5] - a[2] * a[4],
            c1, a[0] * a[8] - a[2] * a[6], a[2] * a[3] - a[0] * a[5],
            c2, a[1] * a[6] - a[0] * a[7], a[0] * a[4] - a[1] * a[3],
        ].map { $0 / det }
        guard inv[8] != 0 else { return Homography(inv) }
        return Homography(inv.map { $0 / inv[8] })
    }

    /// The direct linear transform fit mapping each `from` point onto the
    /// matching `to` point: exact for 4 points, least squares for more.
    /// Points are normalised (Hartley) for numerical stability. Nil when the
    /// points are degenerate (fewer than 4, or three in a line).
    public static func fit(from: [PlanePoint], to: [PlanePoint]) -> Homography? {
        guard from.count == to.count, from.count >= 4 else { return nil }
        guard let (nf, tf) = normalising(from), let (nt, tt) = normalising(to) else { return nil }
        // Unknowns h0...h7 with h8 = 1; two equations per correspondence.
        var ata = [Double](repeating: 0, count: 64), atb = [Double](repeating: 0, count: 8)
        for (p, q) in zip(nf, nt) {
            let rows: [([Double], Double)] = [
                ([p.x, p.y, 1, 0, 0, 0, -q.x * p.x, -q.x * p.y], q.x),
                ([0, 0, 0, p.x, p.y, 1, -q.y * p.x, -q.y * p.y], q.y),
            ]
            for (row, rhs) in rows {
                for i in 0..<8 {
                    atb[i] += row[i] * rhs
                    for j in 0..<8 { ata[i * 8 + j] += row[i] * row[j] }
                }
            }
        }
        guard let x = solve(ata, atb, n: 8) else { return nil }
        let normalised = Homography(x + [1])
        // Undo the normalisation: H = Tto⁻¹ · Hn · Tfrom.
        guard let toInverse = tt.inverted() else { return nil }
        let m = multiply(toInverse.h, multiply(normalised.h, tf.h))
        guard abs(m[8]) > 1e-15 else { return nil }
        return Homography(m.map { $0 / m[8] })
    }

    /// Translation and scale putting the centroid at 0 and the mean distance at √2.
    private static func normalising(_ points: [PlanePoint]) -> ([PlanePoint], Homography)? {
        let n = Double(points.count)
        let cx = points.map(\.x).reduce(0, +) / n, cy = points.map(\.y).reduce(0, +) / n
        let mean = points.map { $0.distance(to: PlanePoint(x: cx, y: cy)) }.reduce(0, +) / n
        guard mean > 1e-12 else { return nil }
        let s = 2.0.squareRoot() / mean
        let t = Homography([s, 0, -s * cx, 0, s, -s * cy, 0, 0, 1])
        return (points.map(t.apply), t)
    }

    private static func multiply(_ a: [Double], _ b: [Double]) -> [Double] {
        (0..<9).map { k in
            let r = k / 3, c = k % 3
            return a[r * 3] * b[c] + a[r * 3 + 1] * b[3 + c] + a[r * 3 + 2] * b[6 + c]
        }
    }

    /// Gaussian elimination with partial pivoting; nil for a singular system.
    static func solve(_ matrix: [Double], _ rhs: [Double], n: Int) -> [Double]? {
        var a = matrix, b = rhs
        for col in 0..<n {
            guard let pivot = (col..<n).max(by: { abs(a[$0 * n + col]) < abs(a[$1 * n + col]) }),
                abs(a[pivot * n + col]) > 1e-10
            else { return nil }
            if pivot != col {
                for j in 0..<n { a.swapAt(col * n + j, pivot * n + j) }
                b.swapAt(col, pivot)
            }
            for row in (col + 1)..<n {
                let f = a[row * n + col] / a[col * n + col]
                guard f != 0 else { continue }
                for j in col..<n { a[row * n + j] -= f * a[col * n + j] }
                b[row] -= f * b[col]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            var sum = b[row]
            for j in (row + 1)..<n { sum -= a[row * n + j] * x[j] }
            x[row] = sum / a[row * n + row]
        }
        return x.allSatisfy(\.isFinite) ? x : nil
    }
}
