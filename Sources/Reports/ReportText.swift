import Foundation
import Haru
import Platform
import Raster

/// A report as plain text for the terminal: tables padded to columns, bars
/// drawn with block characters.
public enum ReportText {
    public static func render(_ document: ReportDocument, width: Int = 100) -> String {
        var out: [String] = []
        for block in document.blocks {
            switch block {
            case .title(let title, let subtitle):
                out.append(title)
                out.append(String(repeating: "=", count: min(width, title.count)))
                if let subtitle { out.append(subtitle) }
            case .heading(let text):
                out.append("")
                out.append(text)
                out.append(String(repeating: "-", count: min(width, text.count)))
            case .paragraph(let text):
                out.append(contentsOf: wrap(text, width: width))
            case .facts(let pairs):
                let keyWidth = min(32, (pairs.map(\.0.count).max() ?? 0) + 1)
                for (key, value) in pairs { out.append(pad(key + ":", keyWidth) + " " + value) }
            case .table(let table):
                out.append(contentsOf: render(table, width: width))
            case .bars(let chart):
                if out.last?.isEmpty == false { out.append("") }
                out.append(contentsOf: render(chart, width: width))
            case .code(let text):
                out.append("  " + text)
            case .signatures, .writingLines, .pageBreak:
                continue
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func render(_ table: ReportTable, width: Int) -> [String] {
        guard !table.rows.isEmpty else { return [table.emptyText] }
        // Cells hold file names, reasons and codes from scans: made safe before they are measured.
        let rows = table.rows.map { $0.map { TerminalText.safe($0) } }
        var widths = table.columns.map(\.title.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        // Columns are cut at 40 characters, except the last: a reason or a message is read whole.
        widths = widths.enumerated().map { $0.offset == widths.count - 1 ? $0.element : min($0.element, 40) }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                i < table.columns.count && table.columns[i].alignment == .right
                    ? padLeft(clip(cell, widths[i]), widths[i]) : pad(clip(cell, widths[i]), widths[i])
            }.joined(separator: "  ").reportTrimmingTrailingSpaces()
        }
        return [
            line(table.columns.map(\.title)),
            widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ").reportTrimmingTrailingSpaces(),
        ]
            + rows.map(line)
    }

    static let segmentCharacters: [Character] = ["█", "░", "▒", "▓"]

    static func render(_ chart: ReportBarChart, width: Int) -> [String] {
        var out = [chart.title]
        if chart.series.count > 1 {
            out.append(chart.series.enumerated().map { "\(segmentCharacters[$0 % 4]) \($1)" }.joined(separator: "   "))
        }
        let labelWidth = min(34, (chart.bars.map(\.label.count).max() ?? 0))
        let barWidth = max(10, width - labelWidth - 14)
        let maximum = max(1, chart.maximum)
        for bar in chart.bars {
            var text = ""
            var used = 0
            let total = bar.values.reduce(0, +)
            for (i, v) in bar.values.enumerated() {
                let end = Int(
                    (Double(bar.values.prefix(i + 1).reduce(0, +)) / Double(maximum) * Double(barWidth)).rounded())
                let n = max(v > 0 ? 1 : 0, end - used)
                text += String(repeating: segmentCharacters[i % 4], count: n)
                used += n
            }
            let numbers =
                bar.values.count > 1
                ? "\(total) (" + bar.values.map { "\($0)" }.joined(separator: " / ") + ")" : "\(total)"
            out.append(pad(clip(bar.label, labelWidth), labelWidth) + "  " + text + " " + numbers)
        }
        return out
    }

    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if !current.isEmpty && current.count + 1 + word.count > width {
                lines.append(current)
                current = ""
            }
            current += current.isEmpty ? String(word) : " " + word
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    static func clip(_ s: String, _ n: Int) -> String { s.count <= n ? s : String(s.prefix(max(0, n - 1))) + "…" }
    static func pad(_ s: String, _ n: Int) -> String {
        s.count >= n ? s : s + String(repeating: " ", count: n - s.count)
    }
    static func padLeft(_ s: String, _ n: Int) -> String {
        s.count >= n ? s : String(repeating: " ", count: n - s.count) + s
    }
}

extension String {
    func reportTrimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
