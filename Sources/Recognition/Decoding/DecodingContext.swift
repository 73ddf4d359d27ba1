import Foundation
import FormKit

/// What a date-bearing value is judged against: the day of reference (usually
/// the day the form was filled in or scanned), the plausible years for a date
/// field, and the oldest plausible person.
public struct DecodingContext: Sendable, Equatable {
    public var reference: CivilDate
    /// Years a `date` field may hold; two-digit years are placed in this range.
    public var dateYears: ClosedRange<Int>
    /// The oldest age a personnummer may give on the day of reference.
    public var maximumAge: Int

    /// `dateYears` defaults to 120 years back and 5 years ahead of the reference.
    public init(reference: CivilDate, dateYears: ClosedRange<Int>? = nil, maximumAge: Int = 120) {
        self.reference = reference
        self.dateYears = dateYears ?? (reference.year - 120)...(reference.year + 5)
        self.maximumAge = maximumAge
    }

    public init(reference: Date, dateYears: ClosedRange<Int>? = nil, maximumAge: Int = 120) {
        self.init(reference: CivilDate.swedishDay(of: reference), dateYears: dateYears, maximumAge: maximumAge)
    }
}
