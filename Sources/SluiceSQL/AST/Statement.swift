import SluiceCore

/// One SQL statement of ksqlDB's dialect.
///
/// The enum is `indirect`: a statement is one pointer wide however large its payload.
public indirect enum Statement: Hashable, Sendable {
    /// `CREATE [OR REPLACE] [SOURCE] STREAM|TABLE [IF NOT EXISTS] s (cols) WITH (...)`
    case createSource(CreateSourceStatement)
    /// `CREATE [OR REPLACE] STREAM|TABLE [IF NOT EXISTS] s [WITH (...)] AS SELECT ...`
    case createAsSelect(CreateAsSelectStatement)
    /// `INSERT INTO s [WITH (QUERY_ID = 'q')] SELECT ...`
    case insertInto(InsertIntoStatement)
    /// `INSERT INTO s [(cols)] VALUES (...)`
    case insertValues(InsertValuesStatement)
    /// `SELECT ...`: a push (`EMIT CHANGES`) or pull query.
    case select(SelectStatement)
    /// `SHOW STREAMS`, `LIST TOPICS EXTENDED`, ...
    case list(ListStatement)
    /// `DESCRIBE s [EXTENDED]`, `DESCRIBE STREAMS`, `DESCRIBE FUNCTION f`, `DESCRIBE CONNECTOR c`
    case describe(DescribeStatement)
    /// `EXPLAIN SELECT ...`, `EXPLAIN query_id`
    case explain(ExplainStatement)
    /// `PRINT topic [FROM BEGINNING] [INTERVAL n] [LIMIT n]`
    case print(PrintStatement)
    /// `TERMINATE query_id`, `TERMINATE ALL`
    case terminate(TerminateStatement)
    /// `PAUSE query_id`, `PAUSE ALL`
    case pause(PauseStatement)
    /// `RESUME query_id`, `RESUME ALL`
    case resume(ResumeStatement)
    /// `SET 'property' = 'value'`
    case setProperty(SetPropertyStatement)
    /// `UNSET 'property'`
    case unsetProperty(UnsetPropertyStatement)
    /// `ALTER SYSTEM 'property' = 'value'`
    case alterSystem(AlterSystemStatement)
    /// `DEFINE name = 'value'`
    case defineVariable(DefineVariableStatement)
    /// `UNDEFINE name`
    case undefineVariable(UndefineVariableStatement)
    /// `DROP STREAM|TABLE [IF EXISTS] s [DELETE TOPIC]`
    case dropSource(DropSourceStatement)
    /// `DROP CONNECTOR [IF EXISTS] c`
    case dropConnector(DropConnectorStatement)
    /// `DROP TYPE [IF EXISTS] t`
    case dropType(DropTypeStatement)
    /// `CREATE TYPE [IF NOT EXISTS] t AS type`
    case createType(CreateTypeStatement)
    /// `ALTER STREAM|TABLE s ADD [COLUMN] c type, ...`
    case alterSource(AlterSourceStatement)
    /// `CREATE SOURCE|SINK CONNECTOR [IF NOT EXISTS] c WITH (...)`
    case createConnector(CreateConnectorStatement)
    /// `ASSERT [NOT EXISTS] TOPIC t [WITH (...)] [TIMEOUT n unit]`
    case assertTopic(AssertTopicStatement)
    /// `ASSERT [NOT EXISTS] SCHEMA [SUBJECT s] [ID n] [TIMEOUT n unit]`
    case assertSchema(AssertSchemaStatement)
    /// Test files only: `ASSERT VALUES s [(cols)] VALUES (...)`
    case assertValues(AssertValuesStatement)
    /// Test files only: `ASSERT NULL VALUES s [(cols)] KEY (...)` (a tombstone)
    case assertTombstone(AssertTombstoneStatement)
    /// Test files only: `ASSERT STREAM|TABLE s (cols) [WITH (...)]`
    case assertSource(AssertSourceStatement)
    /// CLI and test files: `RUN SCRIPT 'file.sql'`
    case runScript(RunScriptStatement)

    /// Where the statement was written (without its `;`).
    public var range: SourceRange {
        switch self {
        case .createSource(let s): s.range
        case .createAsSelect(let s): s.range
        case .insertInto(let s): s.range
        case .insertValues(let s): s.range
        case .select(let s): s.range
        case .list(let s): s.range
        case .describe(let s): s.range
        case .explain(let s): s.range
        case .print(let s): s.range
        case .terminate(let s): s.range
        case .pause(let s): s.range
        case .resume(let s): s.range
        case .setProperty(let s): s.range
        case .unsetProperty(let s): s.range
        case .alterSystem(let s): s.range
        case .defineVariable(let s): s.range
        case .undefineVariable(let s): s.range
        case .dropSource(let s): s.range
        case .dropConnector(let s): s.range
        case .dropType(let s): s.range
        case .createType(let s): s.range
        case .alterSource(let s): s.range
        case .createConnector(let s): s.range
        case .assertTopic(let s): s.range
        case .assertSchema(let s): s.range
        case .assertValues(let s): s.range
        case .assertTombstone(let s): s.range
        case .assertSource(let s): s.range
        case .runScript(let s): s.range
        }
    }
}

/// Whether a source is a stream (an append-only log of events) or a table (the latest value per key).
public enum SourceKind: String, Hashable, Sendable {
    case stream = "STREAM"
    case table = "TABLE"
}

/// A topic or schema subject: a name, or a string when it has characters a name cannot
/// (`PRINT 'my-topic'`).
public enum ResourceName: Hashable, Sendable {
    case identifier(Identifier)
    case string(String)

    /// The name as the log store sees it: the identifier's value or the string's text.
    public var value: String {
        switch self {
        case .identifier(let identifier): identifier.value
        case .string(let text): text
        }
    }
}

/// A property name or value in SET / UNSET: a string, or an unsubstituted `${variable}`.
public enum StringOrVariable: Hashable, Sendable {
    case string(String)
    case variable(String)
}
