/// The rules a complete digit string must satisfy for each `DigitPattern`,
/// and its normalised form. Shared by the field decoder (on candidate
/// readings) and the validator (on values typed during review).
public enum PatternRules {
    public static func check(
        _ digits: [Int], pattern: DigitPattern, context: DecodingContext,
        hundredPlus: Bool = false
    ) -> Result<String, ValidationFailure> {
        switch pattern {
        case .personnummer: return personnummer(digits, hundredPlus: hundredPlus, context: context)
        case .date: return date(digits, context: context)
        case .time: return time(digits)
        case .amount: return amount(digits)
        case .number: return number(digits)
        }
    }

    /// 10 or 12 digits; normalised `ÅÅÅÅMMDD-NNNN`. For ten digits the century
    /// makes the person 0–99 years old, or 100 and over with `hundredPlus` ('+').
    static func personnummer(
        _ digits: [Int], hundredPlus: Bool,
        context: DecodingContext
    ) -> Result<String, ValidationFailure> {
        guard digits.count == 10 || digits.count == 12 else {
            return .failure(.init(.format, "Ett personnummer har 10 eller 12 siffror, inte \(digits.count)."))
        }
        let ten = digits.suffix(10)
        guard Luhn.isValid(ten) else {
            return .failure(.init(.checkDigit, "Kontrollsiffran stämmer inte."))
        }
        let tail = Array(ten)
        let month = tail[2] * 10 + tail[3]
        var day = tail[4] * 10 + tail[5]
        if day > 60 { day -= 60 }  // samordningsnummer
        let years: [Int]
        if digits.count == 12 {
            years = [number(of: digits[0..<4])]
        } else {
            // The latest century first: '-' (or nothing) means younger than 100.
            let base = context.reference.year - context.reference.year % 100 + tail[0] * 10 + tail[1]
            years = [base, base - 100, base - 200]
        }
        let realDates = years.compactMap { CivilDate(year: $0, month: month, day: day) }
        guard !realDates.isEmpty else {
            return .failure(.init(.calendar, "Födelsedatumet finns inte."))
        }
        let past = realDates.filter { $0 <= context.reference }
        let chosen =
            hundredPlus && digits.count == 10
            ? past.first { $0.completedYears(until: context.reference) >= 100 }
            : past.first
        guard let birth = chosen else {
            let reason =
                past.isEmpty
                ? "Födelsedatumet ligger i framtiden."
                : "Med '+' ska personen vara minst 100 år."
            return .failure(.init(.range, reason))
        }
        guard birth.completedYears(until: context.reference) <= context.maximumAge else {
            return .failure(.init(.range, "Personen skulle vara över \(context.maximumAge) år."))
        }
        let serial = tail[6...].map(String.init).joined()
        return .success("\(pad(birth.year, 4))\(pad(birth.month, 2))\(pad(tail[4] * 10 + tail[5], 2))-\(serial)")
    }

    /// 6 (ÅÅMMDD) or 8 (ÅÅÅÅMMDD) digits; normalised `ÅÅÅÅ-MM-DD`. A two-digit
    /// year is placed in `context.dateYears`, nearest the reference year.
    static func date(_ digits: [Int], context: DecodingContext) -> Result<String, ValidationFailure> {
        guard digits.count == 6 || digits.count == 8 else {
            return .failure(.init(.format, "Ett datum har 6 eller 8 siffror, inte \(digits.count)."))
        }
        let n = digits.count
        let month = digits[n - 4] * 10 + digits[n - 3]
        let day = digits[n - 2] * 10 + digits[n - 1]
        let years: [Int]
        if n == 8 {
            years = [number(of: digits[0..<4])]
        } else {
            let yy = digits[0] * 10 + digits[1]
            let firstCentury = context.dateYears.lowerBound - context.dateYears.lowerBound % 100
            years = stride(from: firstCentury, through: context.dateYears.upperBound, by: 100)
                .map { $0 + yy }
                .sorted { abs($0 - context.reference.year) < abs($1 - context.reference.year) }
        }
        let realDates = years.compactMap { CivilDate(year: $0, month: month, day: day) }
        guard !realDates.isEmpty else {
            return .failure(.init(.calendar, "Datumet finns inte."))
        }
        guard let date = realDates.first(where: { context.dateYears.contains($0.year) }) else {
            let range = context.dateYears
            return .failure(.init(.range, "Året ligger utanför \(range.lowerBound)–\(range.upperBound)."))
        }
        return .success(date.description)
    }

    /// 4 digits HHMM, 00:00–23:59; normalised `HH:MM`.
    static func time(_ digits: [Int]) -> Result<String, ValidationFailure> {
        guard digits.count == 4 else {
            return .failure(.init(.format, "Ett klockslag har 4 siffror, inte \(digits.count)."))
        }
        let hours = digits[0] * 10 + digits[1], minutes = digits[2] * 10 + digits[3]
        guard hours < 24, minutes < 60 else {
            return .failure(.init(.calendar, "Klockslaget finns inte (00:00–23:59)."))
        }
        return .success("\(pad(hours, 2)):\(pad(minutes, 2))")
    }

    /// Whole kronor, at least one digit; normalised without leading zeros.
    static func amount(_ digits: [Int]) -> Result<String, ValidationFailure> {
        guard !digits.isEmpty else { return .failure(.init(.format, "Beloppet saknar siffror.")) }
        let significant = digits.drop { $0 == 0 }
        return .success(significant.isEmpty ? "0" : significant.map(String.init).joined())
    }

    /// Any digits, at least one, kept as written (leading zeros matter in numbers).
    static func number(_ digits: [Int]) -> Result<String, ValidationFailure> {
        guard !digits.isEmpty else { return .failure(.init(.format, "Numret saknar siffror.")) }
        return .success(digits.map(String.init).joined())
    }

    private static func number(of digits: ArraySlice<Int>) -> Int {
        digits.reduce(0) { $0 * 10 + $1 }
    }
}
