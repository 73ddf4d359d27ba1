/// The binder's own pages: the cover, the contents, a quick reference per
/// outage level, the return-to-normal checklist and the contacts. They carry
/// a sheet code like the forms (version 1) so a scan of one is known for what
/// it is, but nothing on them is read. The printer names them from here and
/// the reader recognises them from here.
public enum BinderTextPage {
    public static let cover = "omslag"
    public static let contents = "innehall"
    public static let returnToNormal = "atergang"
    public static let contacts = "kontakter"
    static let quickReferencePrefix = "snabbguide-"

    /// The quick reference of an outage level ("I", "II", "III").
    public static func quickReference(level: String) -> String { quickReferencePrefix + level.lowercased() }

    /// Whether a sheet code's form id names one of these pages.
    public static func isTextPage(_ id: String) -> Bool {
        [cover, contents, returnToNormal, contacts].contains(id)
            || (id.hasPrefix(quickReferencePrefix) && id.count > quickReferencePrefix.count)
    }
}
