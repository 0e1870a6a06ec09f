/// A named source text (a query file, a REPL entry, a `-e` argument) that diagnostics point into.
public struct SourceFile: Sendable {
    /// What the user calls this text: a path, `<stdin>` or `<input>`.
    public let name: String
    /// The text exactly as the user wrote it.
    public let text: String
    private let utf8: [UInt8]
    /// Byte offset where each line starts.
    private let lineStarts: [Int]

    public init(name: String, text: String) {
        self.name = name
        self.text = text
        let bytes = Array(text.utf8)
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(index + 1)
        }
        self.utf8 = bytes
        self.lineStarts = starts
    }

    /// The 1-based line index containing `offset` (clamped to the text).
    private func lineIndex(of offset: Int) -> Int {
        let offset = max(0, min(offset, utf8.count))
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The line and column of a byte offset.
    public func location(of offset: Int) -> SourceLocation {
        let offset = max(0, min(offset, utf8.count))
        let index = lineIndex(of: offset)
        let prefix = utf8[lineStarts[index]..<offset]
        return SourceLocation(line: index + 1, column: String(decoding: prefix, as: UTF8.self).count + 1)
    }

    /// The text of 1-based line `line`, without its line terminator.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : utf8.count
        if end > start, utf8[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: utf8[start..<max(start, end)], as: UTF8.self)
    }

    /// The source text covered by `range`.
    public func slice(_ range: SourceRange) -> String {
        let start = max(0, min(range.start, utf8.count))
        let end = max(start, min(range.end, utf8.count))
        return String(decoding: utf8[start..<end], as: UTF8.self)
    }
}
