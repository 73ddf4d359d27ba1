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

    /// The context of the outage forms: their dates (visits, decisions,
    /// payments, returns) lie close to the outage, so a date is placed within
    /// three years of the reference day's year, and a misread decade (1966 for
    /// 2026) is no valid reading. Ingest, review, entry, `read-field` and the
    /// benchmarks all decode with it; the reference comes from the workspace's
    /// outage record, never from the clock.
    public static func outage(reference: CivilDate) -> DecodingContext {
        DecodingContext(reference: reference, dateYears: (reference.year - 3)...(reference.year + 3))
    }
}
