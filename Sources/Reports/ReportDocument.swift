import Foundation
import Haru
import Raster

/// A plain document of headings, text, tables and bar charts, drawn as a PDF
/// (`ReportPDF`) or as text for the terminal (`ReportText`). The management
/// report and the purge receipt are written in it.
public struct ReportDocument: Sendable {
    public var title: String
    /// Printed in every page's footer.
    public var footer: String
    public var blocks: [ReportBlock]

    public init(title: String, footer: String, blocks: [ReportBlock] = []) {
        self.title = title
        self.footer = footer
        self.blocks = blocks
    }
}

public enum ReportBlock: Sendable {
    case title(String, subtitle: String?)
    case heading(String)
    case paragraph(String)
    /// Label–value pairs, one per line.
    case facts([(String, String)])
    case table(ReportTable)
    case bars(ReportBarChart)
    /// A value that must be copied exactly (a checksum), in a monospaced font.
    case code(String)
    /// Lines for handwritten signatures, one per label.
    case signatures([String])
    /// Ruled lines to write on by hand (on paper; nothing on a terminal).
    case writingLines(Int)
    /// What follows starts on a new page (on paper).
    case pageBreak
}

public struct ReportTable: Sendable {
    public struct Column: Sendable {
        public var title: String
        /// Share of the line's width.
        public var weight: Double
        public var alignment: TextAlignment
        public init(_ title: String, weight: Double = 1, alignment: TextAlignment = .left) {
            self.title = title
            self.weight = weight
            self.alignment = alignment
        }
    }

    public var columns: [Column]
    public var rows: [[String]]
    /// Shown instead of an empty table.
    public var emptyText: String

    public init(columns: [Column], rows: [[String]], emptyText: String = "Inga.") {
        self.columns = columns
        self.rows = rows
        self.emptyText = emptyText
    }
}

/// Horizontal bars, each made of stacked segments (e.g. registered, not yet).
public struct ReportBarChart: Sendable {
    public struct Bar: Sendable {
        public var label: String
        public var values: [Int]
        public init(_ label: String, _ values: [Int]) {
            self.label = label
            self.values = values
        }
    }

    public var title: String
    /// The segments' names, in the order of each bar's values.
    public var series: [String]
    public var bars: [Bar]

    public init(title: String, series: [String], bars: [Bar]) {
        self.title = title
        self.series = series
        self.bars = bars
    }

    public var maximum: Int { bars.map { $0.values.reduce(0, +) }.max() ?? 0 }
}
