import SluiceCore
import SluiceSQL
import Testing

/// Every node records where it was written, so later stages can point diagnostics at it.
@Suite struct SourceRangeTests {
    @Test func queryNodesCarryTheirRanges() throws {
        let text =
            "SELECT a AS x, t.* FROM s LEFT OUTER JOIN t WITHIN 1 HOUR ON s.id = t.id "
            + "WINDOW TUMBLING (SIZE 1 MINUTE) WHERE b > 1 GROUP BY a"
        let file = SourceFile(name: "", text: text)
        guard case .select(let query) = try Parser.parseStatement(text) else {
            Issue.record("not a SELECT")
            return
        }
        #expect(file.slice(query.range) == text)
        #expect(query.items.map { file.slice($0.range) } == ["a AS x", "t.*"])
        #expect(file.slice(query.from.source.range) == "s")
        #expect(file.slice(query.from.joins[0].range) == "LEFT OUTER JOIN t WITHIN 1 HOUR ON s.id = t.id")
        #expect(file.slice(try #require(query.from.joins[0].within).range) == "WITHIN 1 HOUR")
        #expect(file.slice(try #require(query.from.joins[0].within).before.range) == "1 HOUR")
        #expect(file.slice(query.from.joins[0].condition.range) == "s.id = t.id")
        #expect(file.slice(try #require(query.window).range) == "WINDOW TUMBLING (SIZE 1 MINUTE)")
        #expect(file.slice(try #require(query.whereClause).range) == "b > 1")
        #expect(query.groupBy?.map { file.slice($0.range) } == ["a"])
    }

    @Test func definitionNodesCarryTheirRanges() throws {
        let text = "CREATE STREAM s (id INT KEY, m MAP<STRING, INT>) WITH (kafka_topic='t', partitions=2)"
        let file = SourceFile(name: "", text: text)
        guard case .createSource(let create) = try Parser.parseStatement(text) else {
            Issue.record("not CREATE STREAM")
            return
        }
        #expect(file.slice(create.name.range) == "s")
        #expect(create.elements.map { file.slice($0.range) } == ["id INT KEY", "m MAP<STRING, INT>"])
        #expect(file.slice(create.elements[1].type.range) == "MAP<STRING, INT>")
        #expect(file.slice(create.properties.range) == "WITH (kafka_topic='t', partitions=2)")
        #expect(create.properties.entries.map { file.slice($0.range) } == ["kafka_topic='t'", "partitions=2"])
        #expect(create.properties["KAFKA_TOPIC"] == .string("t"))
        #expect(create.properties["Partitions"] == .integer(2))
    }

    @Test func scriptRangesAreOffsetsIntoTheFile() {
        let file = SourceFile(name: "s.sql", text: "SHOW TOPICS;\n  DESCRIBE x EXTENDED;")
        let statements = Parser.parseScript(file).statements
        #expect(statements.map { file.slice($0.statement!.range) } == ["SHOW TOPICS", "DESCRIBE x EXTENDED"])
        #expect(statements.map(\.text) == ["SHOW TOPICS;", "DESCRIBE x EXTENDED;"])
    }
}
