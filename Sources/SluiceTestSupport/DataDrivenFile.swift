/// A golden file in Materialize's datadriven style:
///
///     # comments and blank lines between cases are kept
///     parse
///     select 1 from t
///     ----
///     SELECT 1 FROM T
///
/// Each case is a command line, input lines, `----`, and the expected output up to a blank line
/// (or the end of the file). An output with blank lines in it sits between `----`/`----` pairs:
///
///     format
///     select 1 from t; select 2 from t;
///     ----
///     ----
///     SELECT 1 FROM T;
///
///     SELECT 2 FROM T;
///     ----
///     ----
public struct DataDrivenFile {
    public struct Case {
        public var command: String
        public var input: String
        public var expected: String
        /// 1-based line of the command, for failure messages.
        public var line: Int
    }

    enum Chunk {
        case text(String)
        case testCase(Case)
    }

    var chunks: [Chunk]

    public var cases: [Case] {
        chunks.compactMap { chunk in
            if case .testCase(let testCase) = chunk { return testCase }
            return nil
        }
    }

    public init(parsing text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var chunks: [Chunk] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            if line.isEmpty || line.hasPrefix("#") {
                chunks.append(.text(line))
                index += 1
                continue
            }
            let commandLine = index + 1
            index += 1
            var input: [String] = []
            while index < lines.count, lines[index] != "----" {
                input.append(lines[index])
                index += 1
            }
            index += 1
            var expected: [String] = []
            if index < lines.count, lines[index] == "----" {
                index += 1
                while index < lines.count,
                    !(lines[index] == "----" && index + 1 < lines.count && lines[index + 1] == "----")
                {
                    expected.append(lines[index])
                    index += 1
                }
                index += 2
            } else {
                while index < lines.count, !lines[index].isEmpty {
                    expected.append(lines[index])
                    index += 1
                }
            }
            chunks.append(
                .testCase(
                    Case(
                        command: line,
                        input: input.joined(separator: "\n"),
                        expected: expected.joined(separator: "\n"),
                        line: commandLine
                    )
                )
            )
        }
        // The final newline of the file splits off one empty line; don't keep it as a chunk.
        if case .text("")? = chunks.last { chunks.removeLast() }
        self.chunks = chunks
    }

    /// The file with each case's expected output replaced by `outputs[i]`.
    public func rewritten(with outputs: [String]) -> String {
        var lines: [String] = []
        var next = 0
        for chunk in chunks {
            switch chunk {
            case .text(let text):
                lines.append(text)
            case .testCase(let testCase):
                lines.append(testCase.command)
                lines.append(testCase.input)
                let output = outputs[next]
                next += 1
                if output.split(separator: "\n", omittingEmptySubsequences: false).contains("") && !output.isEmpty {
                    lines += ["----", "----", output, "----", "----"]
                } else {
                    lines += ["----", output]
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
