/// Runs of consecutive positions (rows or columns) whose profile value passes
/// a threshold: the printed lines of a border seen in projection.
struct LineBand: Equatable {
    /// First and last position of the run, inclusive.
    var start: Int
    var end: Int
    /// Mean profile value over the run (how solid the line is).
    var strength: Double

    var center: Double { Double(start + end) / 2 }
    var thickness: Int { end - start + 1 }

    /// The runs of `profile` at or above `threshold`, joining runs separated
    /// by at most `bridging` positions below it.
    static func find(in profile: [Double], threshold: Double, bridging: Int = 0) -> [LineBand] {
        var bands: [LineBand] = []
        var position = 0
        while position < profile.count {
            guard profile[position] >= threshold else {
                position += 1
                continue
            }
            var end = position
            while end + 1 < profile.count, profile[end + 1] >= threshold { end += 1 }
            let strength = profile[position...end].reduce(0, +) / Double(end - position + 1)
            if var last = bands.last, position - last.end - 1 <= bridging {
                let total = last.strength * Double(last.thickness) + strength * Double(end - position + 1)
                last.end = end
                last.strength = total / Double(last.thickness)
                bands[bands.count - 1] = last
            } else {
                bands.append(LineBand(start: position, end: end, strength: strength))
            }
            position = end + 1
        }
        return bands
    }
}
