import Haru

/// Why a binder could not be composed.
public enum BinderError: Error, CustomStringConvertible, Equatable {
    case pageOverflow(page: String, by: Double)
    case nothingToPrint(unit: String)

    public var description: String {
        switch self {
        case .pageOverflow(let page, let by):
            return
                "Texten på sidan \"\(page)\" får inte plats (\(Int(by.rounded(.up))) mm för lång). Korta texten i Forms/binder/contents.yaml."
        case .nothingToPrint(let unit):
            return "Pärmen för \(unit) innehåller inga blad."
        }
    }
}
