/// When a sum on the form vouches for amounts that would otherwise go to a
/// person (`FieldPolicy.alwaysReviewed`): bilaga 5 asks for
/// `previous total + amount = total` on every row, the utbetalningsunderlag
/// for `arvode + omkostnader = summa`; such a sum is a checksum the paper
/// already carries.
///
/// A sum alone is not enough. The same hand writes every field, so a digit
/// shape the recogniser misreads may be misread alike in several of them:
/// 0 + 500 = 500 read as 0 + 600 = 600 still adds up. A misread of one shape
/// (in all its occurrences or only some) keeps the sum only where a field on
/// one side of the equation and a field on the other carry that digit at the
/// same place value, so a field is confirmed only when no field on the other
/// side shares a digit with it at any place. Any other misread of one box, or
/// of one shape, breaks the sum.
public enum AmountConfirmation {
    /// Whether `parts` (nil: an empty field, 0) add up to `total`, and if so,
    /// which parts and whether the total the sum confirms. Decimal digit
    /// strings as decoded, without leading zeros (e.g. "1250"); nil when the
    /// sum fails or a value is no number.
    public static func confirmed(parts: [String?], total: String) -> (parts: [Bool], total: Bool)? {
        let values = parts.map { $0.map { Int($0) } ?? 0 }.compactMap { $0 }
        guard let sum = Int(total), values.count == parts.count, values.reduce(0, +) == sum else { return nil }
        let partDigits = parts.map { Array(($0 ?? "").reversed()) }
        let totalDigits = Array(total.reversed())
        func shareAPlace(_ a: [Character], _ b: [Character]) -> Bool {
            a.indices.contains { $0 < b.count && a[$0] == b[$0] }
        }
        return (partDigits.map { !shareAPlace($0, totalDigits) }, !partDigits.contains { shareAPlace(totalDigits, $0) })
    }

    /// Whether `before + amount == total` holds and confirms `amount` (a
    /// running total: `before` is the previous row's total).
    public static func confirms(before: Int, amount: String, total: String) -> Bool {
        guard before >= 0 else { return false }
        return confirmed(parts: [String(before), amount], total: total)?.parts[1] ?? false
    }
}
