/// Swedish public holidays and the other days offices are closed, for
/// deadlines counted in working days ("arbetsdagar").
///
/// Besides the statutory holidays (allmänna helgdagar, lag 1989:253) the
/// calendar counts midsommarafton, julafton and nyårsafton as non-working:
/// they are not formally holidays, but by collective agreement and custom
/// (and in the Semesterlag's own reckoning) they are days off, so a clerk
/// cannot be expected to register anything on them. Påskafton and
/// pingstdagen fall on weekends anyway and are listed for completeness.
public enum SwedishHolidays {
    public struct Holiday: Sendable, Hashable {
        public let date: CivilDate
        /// The Swedish name, e.g. "långfredagen".
        public let name: String
        /// False for the eves (midsommarafton, julafton, nyårsafton, påskafton),
        /// which are days off without being statutory holidays.
        public let statutory: Bool
    }

    /// Easter Sunday by the Gregorian computus (anonymous algorithm, Meeus/Jones/Butcher).
    public static func easterSunday(_ year: Int) -> CivilDate {
        let a = year % 19
        let b = year / 100, c = year % 100
        let d = b / 4, e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return CivilDate(year: year, month: month, day: day)!
    }

    /// Every holiday and closed eve of `year`, in date order.
    public static func holidays(in year: Int) -> [Holiday] {
        func date(_ m: Int, _ d: Int) -> CivilDate { CivilDate(year: year, month: m, day: d)! }
        /// The first `weekday` (ISO) on or after `from`.
        func first(_ weekday: Int, onOrAfter from: CivilDate) -> CivilDate {
            from.adding(days: (weekday - from.weekday + 7) % 7)
        }
        let easter = easterSunday(year)
        let midsummerEve = first(5, onOrAfter: date(6, 19))  // Friday 19–25 June
        let allSaints = first(6, onOrAfter: date(10, 31))  // Saturday 31 Oct – 6 Nov
        let list: [Holiday] = [
            Holiday(date: date(1, 1), name: "nyårsdagen", statutory: true),
            Holiday(date: date(1, 6), name: "trettondedag jul", statutory: true),
            Holiday(date: easter.adding(days: -2), name: "långfredagen", statutory: true),
            Holiday(date: easter.adding(days: -1), name: "påskafton", statutory: false),
            Holiday(date: easter, name: "påskdagen", statutory: true),
            Holiday(date: easter.adding(days: 1), name: "annandag påsk", statutory: true),
            Holiday(date: date(5, 1), name: "första maj", statutory: true),
            Holiday(date: easter.adding(days: 39), name: "Kristi himmelsfärdsdag", statutory: true),
            Holiday(date: easter.adding(days: 49), name: "pingstdagen", statutory: true),
            Holiday(date: date(6, 6), name: "Sveriges nationaldag", statutory: true),
            Holiday(date: midsummerEve, name: "midsommarafton", statutory: false),
            Holiday(date: midsummerEve.adding(days: 1), name: "midsommardagen", statutory: true),
            Holiday(date: allSaints, name: "alla helgons dag", statutory: true),
            Holiday(date: date(12, 24), name: "julafton", statutory: false),
            Holiday(date: date(12, 25), name: "juldagen", statutory: true),
            Holiday(date: date(12, 26), name: "annandag jul", statutory: true),
            Holiday(date: date(12, 31), name: "nyårsafton", statutory: false),
        ]
        return list.sorted { $0.date < $1.date }
    }

    /// The holiday or closed eve on `date`, if any.
    public static func holiday(on date: CivilDate) -> Holiday? {
        holidays(in: date.year).first { $0.date == date }
    }

    /// Monday to Friday and neither a holiday nor a closed eve.
    public static func isWorkingDay(_ date: CivilDate) -> Bool {
        !date.isWeekend && holiday(on: date) == nil
    }

    /// The `count`-th working day after `date` (`date` itself not counted).
    public static func addingWorkingDays(_ count: Int, to date: CivilDate) -> CivilDate {
        var current = date
        var left = count
        while left > 0 {
            current = current.adding(days: 1)
            if isWorkingDay(current) { left -= 1 }
        }
        return current
    }

    /// Working days after `from` up to and including `to` (0 when `to` ≤ `from`).
    public static func workingDays(after from: CivilDate, through to: CivilDate) -> Int {
        guard from < to else { return 0 }
        var n = 0
        var d = from.adding(days: 1)
        while d <= to {
            if isWorkingDay(d) { n += 1 }
            d = d.adding(days: 1)
        }
        return n
    }
}

extension Deadline {
    /// The last day a record may be registered when the outage ended on
    /// `outageEnd`: the same day for "at once", otherwise `n` calendar or
    /// working days after it; nil where the plan gives no day ("snarast", none).
    public func dueDate(outageEnded outageEnd: CivilDate) -> CivilDate? {
        switch self {
        case .immediately: return outageEnd
        case .calendarDays(let n): return outageEnd.adding(days: n)
        case .workingDays(let n): return SwedishHolidays.addingWorkingDays(n, to: outageEnd)
        case .assoonAsPossible, .none: return nil
        }
    }

    /// In Swedish, e.g. "inom 10 arbetsdagar".
    public var swedishDescription: String {
        switch self {
        case .assoonAsPossible: return "snarast när systemen fungerar igen"
        case .immediately: return "omgående"
        case .calendarDays(let n): return n == 7 ? "inom en vecka" : "inom \(n) dagar"
        case .workingDays(let n): return "inom \(n) arbetsdagar"
        case .none: return "ingen frist i planen"
        }
    }
}
