import Foundation

/// The final table: one row per measured figure, with its target and whether it is met.
enum Summary {
    /// `rows` under `title`; `header` names the columns (`scale` compares sizes, not ours and a baseline).
    static func table(
        _ rows: [ResultRow], title: String = "summary",
        header: [String] = ["benchmark", "ours", "baseline", "ratio", "target", ""]
    ) -> String {
        let cells = rows.map { row in
            [row.name, row.ours, row.baseline, row.ratio, row.target, row.met.map { $0 ? "ok" : "MISSED" } ?? ""]
        }
        let widths = header.indices.map { column in
            ([header] + cells).map { $0[column].count }.max() ?? 0
        }
        func line(_ values: [String]) -> String {
            zip(values, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingTrailingSpaces()
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([title, line(header), rule] + cells.map(line)).joined(separator: "\n")
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
