import Foundation

extension CivilDate {
    /// The day `date` falls on in Sweden.
    public static func swedishDay(of date: Date) -> CivilDate {
        var calendar = Calendar(identifier: .gregorian)
        if let sweden = TimeZone(identifier: "Europe/Stockholm") { calendar.timeZone = sweden }
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return CivilDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
            ?? CivilDate(dayNumber: 0)
    }

    /// Whole years from `self` to `later` (an age on the day `later`).
    func completedYears(until later: CivilDate) -> Int {
        var years = later.year - year
        if (later.month, later.day) < (month, day) { years -= 1 }
        return years
    }
}

/// `value` as decimal digits, zero-padded to `width`.
func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}

extension CivilDate {
    /// Today in Sweden: for deadlines and "overdue", never for reading a date on paper.
    public static func today(_ now: Date = Date()) -> CivilDate { swedishDay(of: now) }
}
