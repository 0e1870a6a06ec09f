extension SQLWriter {
    mutating func write(_ statement: Statement) {
        switch statement {
        case .createSource(let s):
            write("CREATE ")
            if s.orReplace { write("OR REPLACE ") }
            if s.isReadOnly { write("SOURCE ") }
            write(s.kind.rawValue + " ")
            if s.ifNotExists { write("IF NOT EXISTS ") }
            write(s.name)
            writeElements(s.elements)
            write(s.properties)
        case .createAsSelect(let s):
            write("CREATE ")
            if s.orReplace { write("OR REPLACE ") }
            write(s.kind.rawValue + " ")
            if s.ifNotExists { write("IF NOT EXISTS ") }
            write(s.name)
            write(s.properties)
            write(" AS ")
            write(s.query)
        case .insertInto(let s):
            write("INSERT INTO ")
            write(s.target)
            write(s.properties)
            write(" ")
            write(s.query)
        case .insertValues(let s):
            write("INSERT INTO ")
            write(s.target)
            writeColumns(s.columns)
            write(" VALUES ")
            writeValues(s.values)
        case .select(let s):
            write(s)
        case .list(let s):
            write("SHOW ")
            write(s.target)
        case .describe(let s):
            write("DESCRIBE ")
            switch s.target {
            case .source(let name, let extended):
                write(name)
                if extended { write(" EXTENDED") }
            case .streams(let extended):
                write(extended ? "STREAMS EXTENDED" : "STREAMS")
            case .function(let name):
                write("FUNCTION ")
                write(name)
            case .connector(let name):
                write("CONNECTOR ")
                write(name)
            }
        case .explain(let s):
            write("EXPLAIN ")
            switch s.target {
            case .statement(let inner): write(inner)
            case .query(let id): write(id)
            }
        case .print(let s):
            write("PRINT ")
            write(s.topic)
            if s.fromBeginning { write(" FROM BEGINNING") }
            if let interval = s.interval { write(" INTERVAL \(interval)") }
            if let limit = s.limit { write(" LIMIT \(limit)") }
        case .terminate(let s):
            write("TERMINATE ")
            write(s.target)
        case .pause(let s):
            write("PAUSE ")
            write(s.target)
        case .resume(let s):
            write("RESUME ")
            write(s.target)
        case .setProperty(let s):
            write("SET ")
            write(s.name)
            write("=")
            write(s.value)
        case .unsetProperty(let s):
            write("UNSET ")
            write(s.name)
        case .alterSystem(let s):
            write("ALTER SYSTEM " + SQLPrinter.stringLiteral(s.name) + "=" + SQLPrinter.stringLiteral(s.value))
        case .defineVariable(let s):
            write("DEFINE \(s.name) = " + SQLPrinter.stringLiteral(s.value))
        case .undefineVariable(let s):
            write("UNDEFINE \(s.name)")
        case .dropSource(let s):
            write("DROP \(s.kind.rawValue) ")
            if s.ifExists { write("IF EXISTS ") }
            write(s.name)
            if s.deleteTopic { write(" DELETE TOPIC") }
        case .dropConnector(let s):
            write("DROP CONNECTOR ")
            if s.ifExists { write("IF EXISTS ") }
            write(s.name)
        case .dropType(let s):
            write("DROP TYPE ")
            if s.ifExists { write("IF EXISTS ") }
            write(s.name)
        case .createType(let s):
            write("CREATE TYPE ")
            if s.ifNotExists { write("IF NOT EXISTS ") }
            write(s.name)
            write(" AS ")
            write(s.type)
        case .alterSource(let s):
            write("ALTER \(s.kind.rawValue) ")
            write(s.name)
            write(" ")
            writeList(s.addedColumns) { writer, column in
                writer.write("ADD COLUMN ")
                writer.write(column.name)
                writer.write(" ")
                writer.write(column.type)
            }
        case .createConnector(let s):
            write("CREATE \(s.type.rawValue) CONNECTOR ")
            if s.ifNotExists { write("IF NOT EXISTS ") }
            write(s.name)
            write(s.properties)
        case .assertTopic(let s):
            write(s.exists ? "ASSERT TOPIC " : "ASSERT NOT EXISTS TOPIC ")
            write(s.topic)
            write(s.properties)
            writeTimeout(s.timeout)
        case .assertSchema(let s):
            write(s.exists ? "ASSERT SCHEMA" : "ASSERT NOT EXISTS SCHEMA")
            if let subject = s.subject {
                write(" SUBJECT ")
                write(subject)
            }
            if let id = s.id { write(" ID " + SQLPrinter.print(id)) }
            writeTimeout(s.timeout)
        case .assertValues(let s):
            write("ASSERT VALUES ")
            write(s.source)
            writeColumns(s.columns)
            write(" VALUES ")
            writeValues(s.values)
        case .assertTombstone(let s):
            write("ASSERT NULL VALUES ")
            write(s.source)
            writeColumns(s.columns)
            write(" KEY ")
            writeValues(s.keys)
        case .assertSource(let s):
            write("ASSERT \(s.kind.rawValue) ")
            write(s.name)
            writeElements(s.elements)
            write(s.properties)
        case .runScript(let s):
            write("RUN SCRIPT " + SQLPrinter.stringLiteral(s.path))
        }
    }

    private mutating func write(_ target: ListStatement.Target) {
        switch target {
        case .properties: write("PROPERTIES")
        case .topics(let all, let extended): write((all ? "ALL " : "") + "TOPICS" + (extended ? " EXTENDED" : ""))
        case .streams(let extended): write(extended ? "STREAMS EXTENDED" : "STREAMS")
        case .tables(let extended): write(extended ? "TABLES EXTENDED" : "TABLES")
        case .functions: write("FUNCTIONS")
        case .connectors(let type): write(type.map { "\($0.rawValue) CONNECTORS" } ?? "CONNECTORS")
        case .connectorPlugins: write("CONNECTOR PLUGINS")
        case .types: write("TYPES")
        case .variables: write("VARIABLES")
        case .queries(let extended): write(extended ? "QUERIES EXTENDED" : "QUERIES")
        }
    }

    private mutating func write(_ target: QueryTarget) {
        switch target {
        case .all: write("ALL")
        case .query(let id): write(id)
        }
    }

    private mutating func write(_ name: ResourceName) {
        switch name {
        case .identifier(let identifier): write(identifier)
        case .string(let text): write(SQLPrinter.stringLiteral(text))
        }
    }

    private mutating func write(_ value: StringOrVariable) {
        switch value {
        case .string(let text): write(SQLPrinter.stringLiteral(text))
        case .variable(let name): write("${\(name)}")
        }
    }

    /// ` (a INTEGER KEY, b STRING)`, or nothing for no columns.
    private mutating func writeElements(_ elements: [ColumnDefinition]) {
        guard !elements.isEmpty else { return }
        write(" (")
        writeList(elements) { writer, column in
            writer.write(column.name)
            writer.write(" ")
            writer.write(column.type)
            switch column.constraint {
            case nil: break
            case .key?: writer.write(" KEY")
            case .primaryKey?: writer.write(" PRIMARY KEY")
            case .headers?: writer.write(" HEADERS")
            case .header(let key)?: writer.write(" HEADER(" + SQLPrinter.stringLiteral(key) + ")")
            }
        }
        write(")")
    }

    /// ` WITH (A='x', B=1)`, or nothing for no properties.
    mutating func write(_ properties: WithProperties) {
        guard !properties.isEmpty else { return }
        write(" WITH (")
        writeList(properties.entries) { writer, property in
            writer.write(
                property.nameIsString ? SQLPrinter.stringLiteral(property.name) : SQLPrinter.name(property.name)
            )
            writer.write("=" + SQLPrinter.print(property.value))
        }
        write(")")
    }

    /// ` (a, b)`, or nothing for no columns.
    private mutating func writeColumns(_ columns: [Identifier]) {
        guard !columns.isEmpty else { return }
        write(" (")
        writeList(columns) { $0.write($1) }
        write(")")
    }

    /// `(1, 'a')`: each a value expression.
    private mutating func writeValues(_ values: [Expr]) {
        write("(")
        writeList(values) { $0.write($1, minimum: .concat) }
        write(")")
    }

    private mutating func writeTimeout(_ timeout: DurationSyntax?) {
        guard let timeout else { return }
        write(" TIMEOUT ")
        write(timeout)
    }

    mutating func write(_ duration: DurationSyntax) {
        write("\(duration.value) " + (duration.value == 1 ? duration.unit.singular : duration.unit.rawValue))
    }

    mutating func write(_ type: TypeSyntax) {
        switch type.kind {
        case .boolean: write("BOOLEAN")
        case .integer: write("INTEGER")
        case .bigint: write("BIGINT")
        case .double: write("DOUBLE")
        case .string: write("STRING")
        case .bytes: write("BYTES")
        case .date: write("DATE")
        case .time: write("TIME")
        case .timestamp: write("TIMESTAMP")
        case .decimal(let precision, let scale): write("DECIMAL(\(precision), \(scale))")
        case .array(let element):
            write("ARRAY<")
            write(element)
            write(">")
        case .map(let key, let value):
            write("MAP<")
            write(key)
            write(", ")
            write(value)
            write(">")
        case .struct(let fields):
            write("STRUCT<")
            writeList(fields) { writer, field in
                writer.write(field.name)
                writer.write(" ")
                writer.write(field.type)
            }
            write(">")
        case .custom(let name):
            write(name)
        }
    }
}
