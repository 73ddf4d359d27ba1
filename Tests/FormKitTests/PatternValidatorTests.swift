import FormKit
import Foundation
import TestSupport
import Testing

@Suite("PatternValidator")
struct PatternValidatorTests {
    let context = DecodingContext(reference: CivilDate(year: 2026, month: 11, day: 27)!)

    func valid(_ text: String, _ pattern: DigitPattern) -> String? {
        try? PatternValidator.validate(text, pattern: pattern, context: context).get()
    }

    func failure(_ text: String, _ pattern: DigitPattern) -> ValidationFailure? {
        if case .failure(let failure) = PatternValidator.validate(text, pattern: pattern, context: context) {
            return failure
        }
        return nil
    }

    @Test func personnummerTypedForms() {
        for typed in ["19121212-1212", "121212-1212", "191212121212", "1212121212", " 121212 - 1212 ", "121212–1212"] {
            #expect(valid(typed, .personnummer) == "20121212-1212" || typed.hasPrefix("19"), "\(typed)")
        }
        #expect(valid("19121212-1212", .personnummer) == "19121212-1212")
        #expect(valid("121212-1212", .personnummer) == "20121212-1212")
        #expect(valid("121212+1212", .personnummer) == "19121212-1212")
    }

    @Test func personnummerFailuresAreExplainedInSwedish() {
        #expect(failure("121212-1213", .personnummer)?.kind == .checkDigit)
        #expect(failure("121212-1213", .personnummer)?.reason == "Kontrollsiffran stämmer inte.")
        #expect(failure("12121-1212", .personnummer)?.kind == .format)
        let badDate = Boxes.withCheckDigit("811318987")  // month 13
        #expect(failure(badDate, .personnummer)?.kind == .calendar)
        let future = "20" + Boxes.withCheckDigit("301201123")
        #expect(failure(String(future.prefix(8)) + "-" + future.suffix(4), .personnummer)?.kind == .range)
        let ancient = Boxes.withCheckDigit("010101123")
        #expect(failure("1801" + ancient.dropFirst(2), .personnummer)?.kind == .range)
    }

    @Test func dates() {
        #expect(valid("2026-11-27", .date) == "2026-11-27")
        #expect(valid("20261127", .date) == "2026-11-27")
        #expect(valid("261127", .date) == "2026-11-27")
        #expect(valid("240229", .date) == "2024-02-29")
        #expect(failure("230229", .date)?.kind == .calendar)
        #expect(failure("2026-1-27", .date)?.kind == .format)
        #expect(failure("2040-01-01", .date)?.kind == .range)
    }

    @Test func times() {
        #expect(valid("0930", .time) == "09:30")
        #expect(valid("9:30", .time) == "09:30")
        #expect(valid("09:30", .time) == "09:30")
        #expect(valid("930", .time) == "09:30")
        #expect(valid("23.59", .time) == "23:59")
        #expect(failure("24:00", .time)?.kind == .calendar)
        #expect(failure("9:3", .time)?.kind == .format)
    }

    @Test func amounts() {
        #expect(valid("1250", .amount) == "1250")
        #expect(valid("1 250 kr", .amount) == "1250")
        #expect(valid("1250:-", .amount) == "1250")
        #expect(valid("1250,00", .amount) == "1250")
        #expect(valid("0", .amount) == "0")
        #expect(failure("12,50", .amount)?.kind == .format)
    }

    @Test func numbers() {
        #expect(valid(" 0042 ", .number) == "0042")
        #expect(failure("42a", .number)?.kind == .format)
    }
}
