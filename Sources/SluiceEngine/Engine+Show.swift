import Foundation
import SluiceCore
import SluiceFunctions
import SluiceLog
import SluicePlan
import SluicePlanner
import SluiceRuntime
import SluiceSQL

extension Engine {
    func show(_ statement: ListStatement, session: Session) throws -> StatementResult {
        switch statement.target {
        case .streams(let extended), .tables(let extended):
            let kind: SourceDefinition.Kind = statement.target == .streams(extended: extended) ? .stream : .table
            if extended { return .text(catalog.sources(of: kind).map { describeText($0, extended: true) }.joined(separator: "\n\n")) }
            let noun = kind == .stream ? "Stream" : "Table"
            return .table(title: nil, headers: ["\(noun) Name", "Kafka Topic", "Key Format", "Value Format", "Windowed"],
                          rows: catalog.sources(of: kind).map {
                              [$0.name, $0.topic, $0.keyFormat.kind.rawValue, $0.valueFormat.kind.rawValue,
                               $0.window == nil ? "false" : "true"]
                          })
        case .topics(let all, let extended):
            var rows: [[String]] = []
            for name in store.topicNames.sorted() where all || !name.hasPrefix("sluice_") {
                let description = try store.describe(name)
                var row = [name, String(description.config.partitions), "1"]
                if extended {
                    row.append(String(description.partitions.reduce(0) { $0 + $1.endOffset - $1.startOffset }))
                    row.append(String(description.partitions.reduce(0) { $0 + $1.bytes }))
                }
                rows.append(row)
            }
            let headers = ["Kafka Topic", "Partitions", "Partition Replicas"] + (extended ? ["Records", "Bytes"] : [])
            return .table(title: nil, headers: headers, rows: rows)
        case .queries(let extended):
            let rows = catalog.queries.values.sorted { $0.id < $1.id }.map { query -> [String] in
                let job = jobs[query.id]
                var row = [query.id, "PERSISTENT", job?.status.detail ?? "NOT RUNNING", query.sink,
                           catalog.source(named: query.sink)?.topic ?? "", String(processingLog.count(for: query.id))]
                if extended { row.append(String(job?.counters.rowsRead ?? 0)) }
                row.append(query.sql)
                return row
            }
            let headers = ["Query ID", "Query Type", "Status", "Sink Name", "Sink Kafka Topic", "Errors"]
                + (extended ? ["Rows Read"] : []) + ["Query String"]
            return .table(title: nil, headers: headers, rows: rows)
        case .properties:
            var properties = ["auto.offset.reset": "latest", "ksql.persistence.default.format.key": "KAFKA"]
            for (name, value) in session.properties { properties[name] = value }
            return .table(title: nil, headers: ["Property", "Scope", "Value"], rows: properties.keys.sorted().map { name in
                [name, session.properties[name] == nil ? "DEFAULT" : "SESSION", properties[name]!]
            })
        case .functions:
            return .table(title: nil, headers: ["Function Name", "Category"], rows: registry.functions.map {
                [$0.name, $0.category.rawValue]
            })
        case .types:
            return .table(title: nil, headers: ["Type Name", "Schema"], rows: catalog.types.keys.sorted().map {
                [$0, catalog.types[$0]!.description]
            })
        case .variables:
            return .table(title: nil, headers: ["Variable Name", "Value"], rows: session.variables.variables.keys.sorted().map {
                [$0, session.variables.variables[$0]!]
            })
        case .connectors, .connectorPlugins:
            throw Diagnostic.error("Sluice has no Kafka Connect, so it has no connectors", at: statement.range)
        }
    }

    func describe(_ statement: DescribeStatement) throws -> StatementResult {
        switch statement.target {
        case .source(let name, let extended):
            guard let source = catalog.source(named: name.value) else {
                throw Diagnostic.error("Could not find STREAM/TABLE '\(name.value)' in the Metastore", at: name.range)
            }
            return .text(describeText(source, extended: extended))
        case .streams(let extended):
            return .text(catalog.sources(of: .stream).map { describeText($0, extended: extended) }.joined(separator: "\n\n"))
        case .function(let name):
            guard let function = registry.function(named: name.value) else {
                throw Diagnostic.error("Can't find any functions with the name '\(name.value)'", at: name.range)
            }
            var text = "Name        : \(function.name)\nOverview    : \(function.description)\nType        : SCALAR\n"
                + "Category    : \(function.category.rawValue)\nVariations  :\n"
            for overload in function.overloads {
                text += "\n\tVariation   : \(overload.signature(name: function.name))\n"
            }
            return .text(text)
        case .connector(let name):
            throw Diagnostic.error("Sluice has no Kafka Connect, so it has no connector \(name.value)", at: name.range)
        }
    }

    /// DESCRIBE's text: the columns, and with EXTENDED the formats, topic, queries and counters.
    func describeText(_ source: SourceDefinition, extended: Bool) -> String {
        var lines = ["Name                 : \(source.name)"]
        if extended {
            lines += [
                "Type                 : \(source.kind.rawValue)",
                "Timestamp field      : \(source.timestampColumn ?? "Not set - using <ROWTIME>")",
                "Key format           : \(source.keyFormat.kind.rawValue)",
                "Value format         : \(source.valueFormat.kind.rawValue)",
                "Kafka topic          : \(source.topic) (partitions: \((try? store.partitionCount(of: source.topic)) ?? 0))",
                "Statement            : \(source.sql)",
            ]
        }
        let rows = source.schema.columns.map { column -> [String] in
            let note: String
            switch column.kind {
            case .key:
                // ksqlDB names a windowed source's window next to its key.
                note = (source.kind == .table ? "  (primary key)" : "  (key)")
                    + (source.window.map { " (Window type: \($0.type))" } ?? "")
            case .value: note = ""
            case .headers: note = "  (headers)"
            case .header(let name): note = "  (header('\(name)'))"
            }
            return [column.name, column.type.description + note]
        }
        let width = max(5, rows.map { $0[0].count }.max() ?? 0)
        lines.append("")
        lines.append(" " + "Field".padding(toLength: width, withPad: " ", startingAt: 0) + " | Type")
        lines.append(String(repeating: "-", count: width + 30))
        for row in rows {
            lines.append(" " + row[0].padding(toLength: width, withPad: " ", startingAt: 0) + " | " + row[1])
        }
        lines.append(String(repeating: "-", count: width + 30))
        if extended {
            let readers = catalog.queriesReading(source.name)
            let writers = catalog.queriesWriting(source.name)
            lines.append("")
            lines.append("Queries that read from this \(source.kind.rawValue): "
                + (readers.isEmpty ? "none" : readers.map(\.id).joined(separator: ", ")))
            lines.append("Queries that write into this \(source.kind.rawValue): "
                + (writers.isEmpty ? "none" : writers.map(\.id).joined(separator: ", ")))
            for query in writers {
                if let job = jobs[query.id] {
                    let counters = job.counters
                    lines.append("Runtime statistics of \(query.id): status \(job.status.detail), rows read \(counters.rowsRead), "
                        + "processing-log entries \(processingLog.count(for: query.id))")
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    func explain(_ statement: ExplainStatement, session: Session) throws -> StatementResult {
        switch statement.target {
        case .query(let id):
            let wanted = id.value.uppercased()
            guard let query = catalog.queries.values.first(where: { $0.id.uppercased() == wanted }) else {
                throw Diagnostic.error("Query with id:\(id.value) does not exist, use SHOW QUERIES to view the full set of queries.",
                                       at: id.range)
            }
            let annotations = (jobs[query.id]?.stepCounters ?? []).map { "rows in \($0.rowsIn), out \($0.rowsOut), errors \($0.errors)" }
            let status = jobs[query.id]?.status.detail ?? "NOT RUNNING"
            return .text("ID           : \(query.id)\nStatus       : \(status)\nSQL          : \(query.sql)\n\n"
                + PlanDescription.tree(query.plan, annotations: annotations))
        case .statement(let inner):
            let context = plannerContext(session)
            let plan: QueryPlan
            switch inner {
            case .select(let select):
                plan = QueryPlan(root: try QueryPlanner(context: context).plan(select, sinkName: nil).root)
            case .createAsSelect(let create):
                plan = try SinkPlanner(context: context).plan(create, text: "").plan
            case .insertInto(let insert):
                plan = try SinkPlanner(context: context).plan(insert, text: "").plan
            default:
                throw Diagnostic.error("EXPLAIN works on queries: SELECT, CREATE ... AS SELECT, INSERT INTO ... SELECT, or a query id",
                                       at: statement.range)
            }
            return .text(PlanDescription.tree(plan))
        }
    }
}
