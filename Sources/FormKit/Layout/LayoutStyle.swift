/// Sizes and shades shared by every sheet. Boxes are sized for handwriting and
/// drawn in grey so that the pen stands out from the print.
public enum LayoutStyle {
    /// A comb box for one handwritten digit.
    public static let boxWidth = 5.0
    public static let boxHeight = 7.0
    /// The gap between groups of boxes (e.g. date parts), and around a printed separator.
    public static let groupGap = 1.6
    public static let separatorGap = 3.2
    public static let checkbox = 4.5
    public static let boxLine = 0.25
    public static let boxGrey = 0.35
    public static let gridLine = 0.25
    public static let gridGrey = 0.45
    public static let labelSize = 7.0
    public static let labelGrey = 0.15
    public static let blockGap = 4.0
    public static let rowNumberWidth = 6.0
    public static let ruleGrey = 0.6
}
