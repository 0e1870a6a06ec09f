import Foundation
import SluiceCore
import SluiceEngine

/// How results are shown: aligned tables (the default) or JSON lines.
enum OutputMode: String, CaseIterable {
    case table
    case json
}

/// Writes statement outcomes to an output (the terminal, or a forwarded command's socket).
struct ResultPrinter {
    let mode: OutputMode
    let write: (String) -> Void
    let writeError: (String) -> Void

    /// Prints one outcome; streams run to their end (or until cancelled through `onStream`).
    /// - Returns: false when the statement failed.
    @discardableResult
    func print(_ outcome: StatementOutcome, onStream: (ResultStream) -> Void = { _ in }) -> Bool {
        switch outcome.result {
        case .failure(let error):
            writeError(error.description + "\n")
            return false
        case .success(let result):
            show(result, onStream: onStream)
            return true
        }
    }

    func show(_ result: StatementResult, onStream: (ResultStream) -> Void) {
        switch result {
        case .message(let message):
            guard !message.isEmpty else { return }
            write(mode == .json ? "{\"message\":\(ValueRenderer.quoted(message))}\n" : message + "\n")
        case .text(let text):
            write(mode == .json ? "{\"text\":\(ValueRenderer.quoted(text))}\n" : text + "\n")
        case .table(_, let headers, let rows):
            if mode == .json {
                for row in rows {
                    let fields = zip(headers, row).map { "\(ValueRenderer.quoted($0)):\(ValueRenderer.quoted($1))" }
                    write("{" + fields.joined(separator: ",") + "}\n")
                }
            } else {
                write(TableRenderer(headers: headers).render(rows) + "\n")
            }
        case .stream(let stream):
            onStream(stream)
            run(stream)
        }
    }

    /// Streams rows as they arrive: a table header first, then one line per row.
    func run(_ stream: ResultStream) {
        let columns = stream.columns
        let renderer = TableRenderer(headers: columns.map(\.name))
        let widths = renderer.streamingWidths()
        if mode == .table {
            write(renderer.rule(widths) + "\n" + renderer.line(columns.map(\.name), widths) + "\n" + renderer.rule(widths) + "\n")
        }
        var count = 0
        do {
            try stream.run { values in
                count += 1
                if mode == .json {
                    let fields = zip(columns, values).map { "\(ValueRenderer.quoted($0.name)):\(ValueRenderer.json($1, $0.type))" }
                    write("{" + fields.joined(separator: ",") + "}\n")
                } else {
                    write(renderer.line(zip(values, columns).map { ValueRenderer.text($0, $1.type) }, widths) + "\n")
                }
                return true
            }
        } catch {
            writeError("error: \(error)\n")
        }
        if mode == .table {
            write(renderer.rule(widths) + "\n")
            if let limit = stream.limit, count >= limit { write("Limit Reached\n") }
            write("Query terminated\n")
        }
    }
}
