import SluiceCore
import SluiceRuntime

/// What a statement produced, for a face (REPL, `exec`, a forwarded command, the test runner) to show.
public enum StatementResult: Sendable {
    /// A confirmation: "Stream created", "Created query with ID CSAS_X_0".
    case message(String)
    /// Rows with headers: SHOW, DESCRIBE.
    case table(title: String?, headers: [String], rows: [[String]])
    /// A pull query's rows, typed (so JSON output keeps numbers numbers); `error` when the scan
    /// stopped on one (a corrupt batch) after these rows.
    case rows(columns: [Column], rows: [[Value]], error: String?)
    /// A block of text: EXPLAIN, DESCRIBE FUNCTION.
    case text(String)
    /// Rows that keep coming (a push query or PRINT); the face runs the stream.
    case stream(ResultStream)
    /// The results of a script's statements, in order (RUN SCRIPT).
    indirect case results([StatementResult])
}

/// A statement's outcome: its text and position in the script, and its result or error.
public struct StatementOutcome: Sendable {
    public var text: String
    public var range: SourceRange
    public var result: Result<StatementResult, StatementError>
}

/// Why a statement failed: a SQL mistake with its place, or an engine error.
public enum StatementError: Error, Sendable, CustomStringConvertible {
    case diagnostic(Diagnostic, SourceFile)
    case engine(String)

    /// The error as the user sees it (`file:line:col: error: ...` with the line and a caret for SQL mistakes).
    public var description: String {
        switch self {
        case .diagnostic(let diagnostic, let file): file.render(diagnostic)
        case .engine(let message): "error: \(message)"
        }
    }

    /// Just the message, without location (what tests compare with ksqlDB's messages).
    public var message: String {
        switch self {
        case .diagnostic(let diagnostic, _): diagnostic.message
        case .engine(let message): message
        }
    }
}

/// A stream of result rows (push query, PRINT) that the face runs on its own thread and can cancel.
public final class ResultStream: @unchecked Sendable {
    /// The result columns (PRINT has one STRING column holding each printed record).
    public let columns: [Column]
    /// The query's id, when it is a query (`transient_...`).
    public let queryID: String?
    public let limit: Int?
    private let runner: (Int?, ([Value]) -> Bool) throws -> Void
    private let canceller: @Sendable () -> Void

    init(columns: [Column], queryID: String?, limit: Int?, run: @escaping (Int?, ([Value]) -> Bool) throws -> Void,
         cancel: @escaping @Sendable () -> Void) {
        self.columns = columns
        self.queryID = queryID
        self.limit = limit
        self.runner = run
        self.canceller = cancel
    }

    /// Delivers rows until the limit, a `false` from `deliver`, or `cancel()`.
    public func run(_ deliver: ([Value]) -> Bool) throws {
        // `LIMIT 0` asks for nothing: no row, and a push query ends at once.
        if limit == 0 { return }
        try runner(limit, deliver)
    }

    /// Stops `run` from another thread (Ctrl-C).
    public func cancel() { canceller() }
}
