/// The Luhn (mod 10) check used by Swedish personnummer: over the ten digits
/// ÅÅMMDDNNNK the digits get weights 2,1,2,1,…; digit sums of the products,
/// plus the check digit K, must add up to a multiple of ten.
public enum Luhn {
    /// What digit `digit` adds to the sum at `index` (0-based within the ten digits).
    @inline(__always)
    public static func contribution(_ digit: Int, at index: Int) -> Int {
        guard index % 2 == 0 else { return digit }
        let doubled = digit * 2
        return doubled >= 10 ? doubled - 9 : doubled
    }

    /// The check digit that completes the nine digits ÅÅMMDDNNN.
    public static func checkDigit(forFirstNine digits: [Int]) -> Int {
        let sum = digits.prefix(9).enumerated().reduce(0) { $0 + contribution($1.element, at: $1.offset) }
        return (10 - sum % 10) % 10
    }

    /// Whether the ten digits pass the check.
    public static func isValid(_ tenDigits: ArraySlice<Int>) -> Bool {
        guard tenDigits.count == 10 else { return false }
        var sum = 0
        for (index, digit) in tenDigits.enumerated() { sum += contribution(digit, at: index) }
        return sum % 10 == 0
    }
}
