import FormKit

/// Where blank boxes may stand in a field, judged on the boxes decided blank.
enum BlankLayout {
    /// Why the blank boxes (`blank[i]` for box i) do not fit the pattern, or
    /// nil when they do. An all-blank field is not judged here (it is empty).
    static func failure(blank: [Bool], pattern: DigitPattern) -> ValidationFailure? {
        let blankCount = blank.filter { $0 }.count
        guard blankCount > 0 else { return nil }
        guard let first = blank.firstIndex(of: false), let last = blank.lastIndex(of: false) else { return nil }
        let gap = blank[first...last].contains(true)
        switch pattern {
        case .personnummer, .date, .time:
            return .init(.format, "Fältet är bara delvis ifyllt: \(blankCount) av \(blank.count) rutor är tomma.")
        case .amount:
            if gap { return .init(.format, "Beloppet har tomma rutor mellan siffrorna.") }
            if last != blank.count - 1 {
                return .init(.format, "Beloppet ska skrivas längst till höger, närmast \"kr\".")
            }
            return nil
        case .number:
            return gap ? .init(.format, "Numret har tomma rutor mellan siffrorna.") : nil
        }
    }
}
