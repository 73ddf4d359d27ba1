import FormKit
import Reports
import Testing

@Suite("Swedish holidays and deadlines")
struct SwedishHolidaysTests {
    func day(_ s: String) -> CivilDate { CivilDate(iso: s)! }

    @Test(
        "Easter Sunday by the computus, against published dates",
        arguments: [
            (1818, "1818-03-22"), (1943, "1943-04-25"), (2000, "2000-04-23"), (2008, "2008-03-23"),
            (2019, "2019-04-21"),
            (2024, "2024-03-31"), (2025, "2025-04-20"), (2026, "2026-04-05"), (2027, "2027-03-28"),
            (2038, "2038-04-25"),
        ])
    func easter(year: Int, expected: String) {
        #expect(SwedishHolidays.easterSunday(year).description == expected)
    }

    @Test("2026's holidays and closed eves")
    func year2026() {
        let got = SwedishHolidays.holidays(in: 2026).map { "\($0.date) \($0.name)" }
        #expect(
            got == [
                "2026-01-01 nyårsdagen", "2026-01-06 trettondedag jul", "2026-04-03 långfredagen",
                "2026-04-04 påskafton",
                "2026-04-05 påskdagen", "2026-04-06 annandag påsk", "2026-05-01 första maj",
                "2026-05-14 Kristi himmelsfärdsdag", "2026-05-24 pingstdagen", "2026-06-06 Sveriges nationaldag",
                "2026-06-19 midsommarafton", "2026-06-20 midsommardagen", "2026-10-31 alla helgons dag",
                "2026-12-24 julafton", "2026-12-25 juldagen", "2026-12-26 annandag jul", "2026-12-31 nyårsafton",
            ])
    }

    @Test(
        "Movable feasts in other years",
        arguments: [
            (2024, "långfredagen", "2024-03-29"), (2024, "Kristi himmelsfärdsdag", "2024-05-09"),
            (2024, "midsommarafton", "2024-06-21"), (2024, "alla helgons dag", "2024-11-02"),
            (2025, "annandag påsk", "2025-04-21"), (2025, "Kristi himmelsfärdsdag", "2025-05-29"),
            (2025, "midsommarafton", "2025-06-20"), (2025, "alla helgons dag", "2025-11-01"),
            (2027, "Kristi himmelsfärdsdag", "2027-05-06"), (2027, "midsommarafton", "2027-06-25"),
            (2027, "midsommardagen", "2027-06-26"), (2027, "alla helgons dag", "2027-11-06"),
        ])
    func movable(year: Int, name: String, expected: String) {
        #expect(SwedishHolidays.holidays(in: year).first { $0.name == name }?.date.description == expected)
    }

    @Test("Midsommar and alla helgon fall on their weekdays for 200 years")
    func weekdays() {
        for year in 1900...2100 {
            let h = SwedishHolidays.holidays(in: year)
            let eve = h.first { $0.name == "midsommarafton" }!.date
            let saints = h.first { $0.name == "alla helgons dag" }!.date
            #expect(eve.weekday == 5 && eve.month == 6 && (19...25).contains(eve.day))
            #expect(
                saints.weekday == 6 && (saints.month == 10 && saints.day == 31 || saints.month == 11 && saints.day <= 6)
            )
            let easter = SwedishHolidays.easterSunday(year)
            #expect(easter.weekday == 7)
            #expect(
                easter >= CivilDate(year: year, month: 3, day: 22)!
                    && easter <= CivilDate(year: year, month: 4, day: 25)!)
        }
    }

    @Test("Working days: weekends, holidays and the eves are not")
    func workingDays() {
        #expect(day("2026-11-27").weekday == 5)
        #expect(SwedishHolidays.isWorkingDay(day("2026-11-27")))
        #expect(!SwedishHolidays.isWorkingDay(day("2026-11-28")))  // Saturday
        #expect(!SwedishHolidays.isWorkingDay(day("2026-06-19")))  // midsommarafton, a Friday
        #expect(!SwedishHolidays.isWorkingDay(day("2026-12-24")))  // julafton, a Thursday
        #expect(!SwedishHolidays.isWorkingDay(day("2026-05-14")))  // Kristi himmelsfärdsdag
        #expect(!SwedishHolidays.isWorkingDay(day("2026-01-06")))  // trettondedag jul, a Tuesday
        #expect(SwedishHolidays.isWorkingDay(day("2026-01-07")))
        #expect(SwedishHolidays.workingDays(after: day("2026-12-18"), through: day("2027-01-08")) == 10)
    }

    @Test(
        "Ten working days after the outage, across holidays",
        arguments: [
            ("2026-12-18", "2027-01-08"),  // jul, nyår and trettondedag in between
            ("2026-03-30", "2026-04-15"),  // påsk
            ("2026-06-15", "2026-06-30"),  // midsommar
            ("2026-04-30", "2026-05-18"),  // första maj, Kristi himmelsfärd
            ("2026-10-19", "2026-11-02"),  // an ordinary fortnight
            ("2026-10-17", "2026-10-30"),  // ends on a Saturday
        ])
    func tenWorkingDays(end: String, due: String) {
        #expect(Deadline.workingDays(10).dueDate(outageEnded: day(end))?.description == due)
    }

    @Test("One week and at once")
    func otherDeadlines() {
        #expect(Deadline.calendarDays(7).dueDate(outageEnded: day("2026-12-28"))?.description == "2027-01-04")
        #expect(Deadline.immediately.dueDate(outageEnded: day("2026-10-19"))?.description == "2026-10-19")
        #expect(Deadline.assoonAsPossible.dueDate(outageEnded: day("2026-10-19")) == nil)
        #expect(Deadline.none.dueDate(outageEnded: day("2026-10-19")) == nil)
    }

    @Test("Civil dates: parsing, leap years, day numbers")
    func civilDates() {
        #expect(CivilDate(iso: "2026-02-29") == nil)
        #expect(CivilDate(iso: "2024-02-29") != nil)
        #expect(CivilDate(iso: "2026-13-01") == nil)
        #expect(CivilDate(iso: "2026-10-19T08:00:00Z")?.description == "2026-10-19")
        #expect(day("1970-01-01").dayNumber == 0)
        #expect(day("2000-03-01").dayNumber - day("2000-02-28").dayNumber == 2)
        for n in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(CivilDate(dayNumber: n).dayNumber == n)
        }
    }
}
