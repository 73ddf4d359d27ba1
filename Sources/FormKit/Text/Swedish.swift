import Foundation

/// Swedish for counts and amounts, the one way every output writes them.
public enum Swedish {
    /// `n` with the noun in the form that agrees: "1 post", "2 poster", "0 poster".
    public static func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }

    /// 1000000 as "1 000 000", as Swedish writes numbers.
    public static func grouped(_ value: Int) -> String {
        var digits = String(value.magnitude)
        var groups: [Substring] = []
        while digits.count > 3 {
            groups.insert(digits.suffix(3), at: 0)
            digits.removeLast(3)
        }
        return (value < 0 ? "-" : "") + ([Substring(digits)] + groups).joined(separator: " ")
    }

    /// Whole kronor: "1 250 kr".
    public static func kronor(_ value: Int) -> String { grouped(value) + " kr" }

    /// Swedish local time, "ÅÅÅÅ-MM-DD TT:MM" (Stockholm).
    public static func localTime(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "sv_SE")
        formatter.timeZone = TimeZone(identifier: "Europe/Stockholm")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }

    /// The text with its first letter in upper case ("snarast …" → "Snarast …").
    public static func capitalised(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }
}
