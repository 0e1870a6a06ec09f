import Foundation
import Synchronization
import SluiceCore
import SluiceEngine

/// How results are shown: aligned tables (the default) or JSON lines.
enum OutputMode: String, CaseIterable {
    case table
    case json
}

/// Writes statement outcomes to a command's output (the terminal, or a forwarded command's socket).
struct ResultPrinter {
    let mode: OutputMode
    let output: CommandOutput
    let errorOutput: CommandOutput
    /// Ctrl-C while a stream runs cancels the stream.
    let interruption: Interruption

    /// Prints one outcome; streams run to their end or until interrupted.
    /// - Returns: false when the statement failed.
    @discardableResult
    func print(_ outcome: StatementOutcome) -> Bool {
        switch outcome.result {
        case .failure(let error):
            errorOutput.line(error.description)
            return false
        case .success(let result):
            return show(result)
        }
    }

    /// Shows a result; false when it carried a failure (a scan or stream that stopped on an error).
    @discardableResult
    func show(_ result: StatementResult) -> Bool {
        switch result {
        case .message(let message):
            guard !message.isEmpty else { return true }
            output.line(mode == .json ? "{\"message\":\(ValueRenderer.quoted(message))}" : message)
        case .text(let text):
            output.line(mode == .json ? "{\"text\":\(ValueRenderer.quoted(text))}" : text)
        case .table(_, let headers, let rows):
            if mode == .json {
                for row in rows {
                    let fields = zip(headers, row).map { "\(ValueRenderer.quoted($0)):\(ValueRenderer.quoted($1))" }
                    output.line("{" + fields.joined(separator: ",") + "}")
                }
            } else {
                output.line(TableRenderer(headers: headers).render(rows))
            }
        case .results(let results):
            return results.reduce(true) { ok, result in show(result) && ok }
        case .rows(let columns, let rows, let error):
            defer { if let error { errorOutput.line("error: \(error)") } }
            if mode == .json {
                for row in rows {
                    let fields = zip(columns, row).map { "\(ValueRenderer.quoted($0.name)):\(ValueRenderer.json($1, $0.type))" }
                    output.line("{" + fields.joined(separator: ",") + "}")
                }
            } else {
                let text = rows.map { row in zip(row, columns).map { ValueRenderer.text($0, $1.type) } }
                output.line(TableRenderer(headers: columns.map(\.name)).render(text))
            }
            return error == nil
        case .stream(let stream):
            let interrupted = InterruptedFlag()
            var succeeded = true
            interruption.whileRunning(cancel: {
                interrupted.raise()
                stream.cancel()
            }) {
                if stream.queryID == nil && mode == .table {
                    succeeded = runLines(stream)
                    if output.isTerminal && interrupted.isRaised { output.write("\n") }
                } else {
                    succeeded = run(stream, interrupted: interrupted)
                }
            }
            return succeeded
        }
        return true
    }

    /// Streams rows as they arrive: a table header first, then one line per row. Returns false
    /// when the stream stopped on an error.
    @discardableResult
    func run(_ stream: ResultStream, interrupted: InterruptedFlag = InterruptedFlag()) -> Bool {
        let columns = stream.columns
        let renderer = TableRenderer(headers: columns.map(\.name))
        let widths = renderer.streamingWidths()
        if mode == .table {
            output.line(renderer.rule(widths) + "\n" + renderer.line(columns.map(\.name), widths) + "\n" + renderer.rule(widths))
        }
        var count = 0
        var succeeded = true
        do {
            try stream.run { values in
                count += 1
                if mode == .json {
                    let fields = zip(columns, values).map { "\(ValueRenderer.quoted($0.name)):\(ValueRenderer.json($1, $0.type))" }
                    output.line("{" + fields.joined(separator: ",") + "}")
                } else {
                    output.line(renderer.line(zip(values, columns).map { ValueRenderer.text($0, $1.type) }, widths))
                }
                return !output.isBroken
            }
        } catch {
            errorOutput.line("error: \(error)")
            succeeded = false
        }
        if mode == .table {
            // The terminal echoed ^C where the closing rule would start.
            if output.isTerminal && interrupted.isRaised { output.write("\n") }
            output.line(renderer.rule(widths))
            if let limit = stream.limit, count >= limit { output.line("Limit Reached") }
            output.line("Query terminated")
        }
        return succeeded
    }

    /// A stream that is not a query (PRINT) shows its single text column as plain lines.
    private func runLines(_ stream: ResultStream) -> Bool {
        do {
            try stream.run { values in
                output.line(values.first.map { ValueRenderer.text($0, .string) } ?? "")
                return !output.isBroken
            }
            return true
        } catch {
            errorOutput.line("error: \(error)")
            return false
        }
    }
}

/// Whether Ctrl-C stopped a stream.
final class InterruptedFlag: Sendable {
    private let raised = Atomic<Bool>(false)

    func raise() { raised.store(true, ordering: .relaxed) }
    var isRaised: Bool { raised.load(ordering: .relaxed) }
}
