import Testing

@testable import Assessment

@Suite("Amounts confirmed by a sum on the form")
struct AmountConfirmationTests {
    @Test func aSumConfirmsOnlyWhereNoPlaceSharesADigit() {
        #expect(AmountConfirmation.confirms(before: 9225, amount: "300", total: "9525"))
        #expect(AmountConfirmation.confirms(before: 4475, amount: "2500", total: "6975"))
        #expect(AmountConfirmation.confirms(before: 99, amount: "1", total: "100"))
        // The sum fails.
        #expect(!AmountConfirmation.confirms(before: 3575, amount: "800", total: "4475"))
        // 0 + 500 = 500: a 5 misread as 6 in both fields would still add up.
        #expect(!AmountConfirmation.confirms(before: 0, amount: "500", total: "500"))
        // 1550 + 400 = 1950: the units 0 is in both; 12000 + 345 = 12345: every place shared.
        #expect(!AmountConfirmation.confirms(before: 1550, amount: "400", total: "1950"))
        #expect(!AmountConfirmation.confirms(before: 12000, amount: "345", total: "12345"))
        #expect(!AmountConfirmation.confirms(before: 10, amount: "x", total: "10"))
    }

    /// Every misread of one digit shape in a confirmed row breaks its sum,
    /// whether the shape is misread everywhere or only in the amount and the
    /// total: the property the place rule exists for, on a grid of sums.
    @Test func noMisreadShapeKeepsAConfirmedSum() {
        for before in stride(from: 0, through: 3_000, by: 97) {
            for amount in stride(from: 1, through: 1_500, by: 29) {
                let total = before + amount
                guard AmountConfirmation.confirms(before: before, amount: String(amount), total: String(total)) else {
                    continue
                }
                for shape in 0...9 {
                    for misread in 0...9 where misread != shape {
                        func swap(_ value: Int) -> Int {
                            Int(
                                String(
                                    String(value).map { $0.wholeNumberValue == shape ? Character(String(misread)) : $0 }
                                )) ?? -1
                        }
                        guard swap(amount) != amount else { continue }
                        #expect(
                            swap(before) + swap(amount) != swap(total),
                            "\(before) + \(amount) = \(total) with \(shape) read as \(misread)")
                        #expect(
                            before + swap(amount) != swap(total),
                            "\(before) + \(amount) = \(total) with \(shape) read as \(misread) after the previous total"
                        )
                    }
                }
            }
        }
    }

    @Test func aSumConfirmsItsPartsAndItsTotal() throws {
        let all = try #require(AmountConfirmation.confirmed(parts: ["418276", "305147"], total: "723423"))
        #expect(all.parts == [true, true] && all.total)
        // An empty part is 0: 1876 + nothing = 1876 shares every place.
        let alone = try #require(AmountConfirmation.confirmed(parts: ["1876", nil], total: "1876"))
        #expect(alone.parts == [false, true] && !alone.total)
        // 1876 + 459 = 2335: no place shared; 1200 + 345 = 1545: the total shares its 1 and 5.
        #expect(
            AmountConfirmation.confirmed(parts: ["1876", "459"], total: "2335").map { $0.parts + [$0.total] } == [
                true, true, true,
            ])
        let partly = try #require(AmountConfirmation.confirmed(parts: ["1200", "345"], total: "1545"))
        #expect(partly.parts == [false, false] && !partly.total)
        #expect(AmountConfirmation.confirmed(parts: ["12", "3"], total: "16") == nil)
        #expect(AmountConfirmation.confirmed(parts: ["12", "x"], total: "12") == nil)
    }

    /// Two parts and a total: a misread of one digit shape in any combination
    /// of the three fields that touches a confirmed field breaks the sum.
    @Test func noMisreadShapeKeepsAConfirmedPartOrTotal() {
        for a in stride(from: 1, through: 4_000, by: 131) {
            for b in stride(from: 1, through: 3_000, by: 73) {
                let fields = [String(a), String(b), String(a + b)]
                guard let confirmed = AmountConfirmation.confirmed(parts: [fields[0], fields[1]], total: fields[2])
                else {
                    Issue.record("\(a) + \(b) must add up")
                    continue
                }
                let sure = confirmed.parts + [confirmed.total]
                for shape in 0...9 {
                    for misread in 0...9 where misread != shape {
                        for subset in 1..<8 {  // which of the three fields misread the shape
                            let read = fields.enumerated().map { index, text in
                                subset & (1 << index) == 0
                                    ? text
                                    : String(
                                        text.map { $0.wholeNumberValue == shape ? Character(String(misread)) : $0 })
                            }
                            let touched = (0..<3).filter { read[$0] != fields[$0] }
                            guard touched.contains(where: { sure[$0] }) else { continue }
                            let values = read.map { Int($0) ?? -1 }
                            #expect(
                                values[0] + values[1] != values[2],
                                "\(fields) read as \(read): a confirmed field changed and the sum still holds")
                        }
                    }
                }
            }
        }
    }
}
