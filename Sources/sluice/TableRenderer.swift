/// Draws rows as an aligned text table, the way the ksqlDB CLI prints results:
///
///     +----+-------+
///     |ID  |NAME   |
///     +----+-------+
///     |1   |alice  |
///     +----+-------+
struct TableRenderer {
    let headers: [String]

    /// A complete table whose column widths fit every cell.
    func render(_ rows: [[String]]) -> String {
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], displayWidth(cell))
            }
        }
        let rule = self.rule(widths)
        var lines = [rule, line(headers, widths), rule]
        lines += rows.map { line($0, widths) }
        if !rows.isEmpty { lines.append(rule) }
        return lines.joined(separator: "\n")
    }

    /// Column widths for rows that will stream in later: wide enough for the header and a typical value.
    func streamingWidths(minimum: Int = 12) -> [Int] {
        headers.map { max($0.count + 1, minimum) }
    }

    func rule(_ widths: [Int]) -> String {
        "+" + widths.map { String(repeating: "-", count: $0) }.joined(separator: "+") + "+"
    }

    func line(_ cells: [String], _ widths: [Int]) -> String {
        var out = "|"
        for (index, width) in widths.enumerated() {
            let cell = index < cells.count ? cells[index] : ""
            let pad = max(0, width - displayWidth(cell))
            out += cell + String(repeating: " ", count: pad) + "|"
        }
        return out
    }

    private func displayWidth(_ text: String) -> Int { text.count }
}
