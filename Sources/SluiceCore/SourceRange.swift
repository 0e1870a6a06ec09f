/// A half-open range of UTF-8 byte offsets into a source text.
///
/// Offsets are stored, never lines: a line and column are computed only when a
/// diagnostic is rendered (`SourceFile.location(of:)`).
public struct SourceRange: Hashable, Sendable, Codable {
    /// Offset of the first byte.
    public var start: Int
    /// Offset one past the last byte.
    public var end: Int

    public init(start: Int, end: Int) {
        precondition(start <= end, "SourceRange start must not exceed end")
        self.start = start
        self.end = end
    }

    /// An empty range at `offset`.
    public init(at offset: Int) {
        self.init(start: offset, end: offset)
    }

    /// The smallest range that covers both ranges.
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(start: min(start, other.start), end: max(end, other.end))
    }

    public var isEmpty: Bool { start == end }
    public var length: Int { end - start }
}

/// A 1-based line and column in a source text. The column counts characters, not bytes.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}
