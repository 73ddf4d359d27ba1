import FormKit

/// When a running total vouches for an amount that would otherwise go to a
/// person (`DigitFieldCheck.alwaysReviewed`): bilaga 5 asks for
/// `previous total + amount = total` on every row, and that sum is a checksum
/// the paper already carries.
///
/// A sum alone is not enough. The same hand writes the amount and the total,
/// so a digit shape the recogniser misreads may be misread in both fields
/// alike: 0 + 500 = 500 read as 0 + 600 = 600 still adds up. Such a misread
/// keeps the sum only where the amount and the total carry the same digit at
/// the same place value, so the amount is confirmed only when no place shares
/// its digit. Any other misread of one box, or of one digit shape wherever it
/// occurs, breaks the sum.
public enum AmountConfirmation {
    /// Whether `before + amount == total` holds and confirms `amount`
    /// (decimal digit strings as decoded, e.g. "1250").
    public static func confirms(before: Int, amount: String, total: String) -> Bool {
        guard let value = Int(amount), let sum = Int(total), before >= 0, before + value == sum else { return false }
        let amountDigits = Array(amount.reversed()), totalDigits = Array(total.reversed())
        return !amountDigits.indices.contains { $0 < totalDigits.count && amountDigits[$0] == totalDigits[$0] }
    }

    /// The reasons a confirming sum may take back: those `DigitFieldCheck`
    /// added to an amount (an unsure box, the amount itself), and only when the
    /// review policy passed the reading (`policyPassed`). Nil when a sum cannot
    /// release the field. Chosen on the validation digits with
    /// `RunningTotalBenchmark` (20 000 rows): taking back the box rule too
    /// released 31 % of the amounts with none wrong, against 20 % when only
    /// the amount reason was taken back; releasing readings the policy doubted
    /// as well let one wrong amount through.
    public static func releasable(pattern: DigitPattern, isEmpty: Bool, policyPassed: Bool,
                                  addedByCheck: [String]) -> [String]? {
        DigitFieldCheck.alwaysReviewed(pattern) && !isEmpty && policyPassed ? addedByCheck : nil
    }

    /// Takes the review back: drops the `releasable` reasons from `messages`.
    public static func release(review: inout Bool, messages: inout [String], releasable: [String]) {
        messages.removeAll { releasable.contains($0) }
        review = false
    }
}
