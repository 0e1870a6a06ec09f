import SluiceCore
import SluiceSQL

/// Real statements to mutate, and the mutations.
enum FuzzCorpus {
    static let statements = [
        "CREATE STREAM pageviews (viewtime BIGINT, user_id VARCHAR KEY, page STRING) WITH (kafka_topic='pv', value_format='JSON', partitions=4);",
        "CREATE OR REPLACE SOURCE TABLE IF NOT EXISTS users (id INT PRIMARY KEY, addr STRUCT<city STRING, zip ARRAY<INT>>, m MAP<STRING, DECIMAL(4, 2)>) WITH (kafka_topic='u', format='JSON');",
        "CREATE STREAM s (k STRING KEY, hs ARRAY<STRUCT<key STRING, value BYTES>> HEADERS, h BYTES HEADER('x'));",
        "CREATE TABLE counts WITH (kafka_topic='c') AS SELECT page, COUNT(*) AS n FROM pageviews WINDOW TUMBLING (SIZE 1 MINUTE, RETENTION 2 DAYS, GRACE PERIOD 10 SECONDS) WHERE page <> '/health' GROUP BY page HAVING COUNT(*) > 1 EMIT CHANGES;",
        "CREATE STREAM j AS SELECT l.id, r.name FROM l JOIN r WITHIN (1 HOUR, 2 HOURS) GRACE PERIOD 5 MINUTES ON l.id = r.id LEFT OUTER JOIN t ON l.id = t.id PARTITION BY l.id;",
        "SELECT a, b AS c, t.*, s->*, CASE WHEN a > 0 THEN 'p' WHEN a < 0 THEN 'n' ELSE 'z' END FROM t WINDOW HOPPING (SIZE 30 SECONDS, ADVANCE BY 10 SECONDS) GROUP BY a, b EMIT FINAL LIMIT 5;",
        "SELECT * FROM t WINDOW SESSION (5 MINUTES) WHERE NOT a = 1 AND b BETWEEN 1 AND 10 OR c NOT IN (1, 2, 3) AND d LIKE 'x%' ESCAPE '!' AND e IS NOT NULL AND f IS DISTINCT FROM g;",
        "SELECT -x * -5 + +y - (a || b) % 3, CAST(x AS DECIMAL(10, 2)), ARRAY[1, 2][1], MAP('a' := 1)['a'], STRUCT(f := 1)->f FROM t;",
        "SELECT TRANSFORM(xs, x => x + 1), REDUCE(xs, 0, (s, x) => s + x), DATEADD(DAYS, 1, d), ts AT TIME ZONE 'UTC', TIMESTAMP '2020-01-01' FROM t;",
        "SELECT 1.5, .5, 1.5E3, -9223372036854775808, 'it''s', NULL, TRUE, ${x} FROM `Weird Name` AS \"q\";",
        "INSERT INTO out WITH (QUERY_ID='q') SELECT * FROM input WHERE x > 1;",
        "INSERT INTO s (ROWTIME, id, name) VALUES (1, -2.5, 'x');",
        "SHOW STREAMS EXTENDED; LIST ALL TOPICS EXTENDED; SHOW SOURCE CONNECTORS; SHOW QUERIES;",
        "DESCRIBE views EXTENDED; DESCRIBE FUNCTION upper; DESCRIBE STREAMS; DESCRIBE CONNECTOR c;",
        "EXPLAIN SELECT * FROM t EMIT CHANGES; EXPLAIN CSAS_1;",
        "PRINT 'topic' FROM BEGINNING INTERVAL 2 LIMIT 10; TERMINATE ALL; PAUSE q1; RESUME ALL;",
        "SET 'auto.offset.reset'='earliest'; UNSET 'x'; ALTER SYSTEM 'a'='b'; DEFINE name = 'clicks'; UNDEFINE name;",
        "DROP STREAM IF EXISTS s DELETE TOPIC; DROP TABLE t; DROP TYPE IF EXISTS a; DROP CONNECTOR c;",
        "CREATE TYPE address AS STRUCT<street STRING, city STRING>; ALTER STREAM s ADD COLUMN a INT, ADD b STRING;",
        "CREATE SOURCE CONNECTOR IF NOT EXISTS jdbc WITH ('connector.class'='x', \"tasks.max\"='1');",
        "ASSERT NOT EXISTS TOPIC 'x' WITH (partitions=1) TIMEOUT 3 SECONDS; ASSERT SCHEMA SUBJECT s ID 5;",
        "ASSERT VALUES out (id, v) VALUES (1, 'a'); ASSERT NULL VALUES out (id) KEY (1); ASSERT TABLE t (id INT PRIMARY KEY) WITH (kafka_topic='t');",
        "RUN SCRIPT 'x.sql'; SELECT ${name} FROM ${name} WHERE a = '${s}';",
        "SELECT café, 名前, \"a\"\"b\", `c``d`, 1abc FROM t -- comment\n /* block */ ;",
    ]

    /// The texts of a statement's tokens.
    static func tokenTexts(_ text: String) -> [String] {
        let file = SourceFile(name: "", text: text)
        return Lexer.tokenize(text).dropLast().map { file.slice($0.range) }
    }

    private static let vocabulary: [String] =
        Keyword.allCases.map(\.text) + [
            "(", ")", "[", "]", ",", ";", ".", "*", "/", "%", "+", "-", "||", ":=", "->", "=>", "=", "<>", "!=", "<",
            "<=",
            ">", ">=", "x", "`q`", "\"Q\"", "1", "-1", "1.5", ".5", "1E5", "'s'", "''", "${v}", "'", "`", "\"", "/*",
            "--",
            "#", "$", "é", "\u{0}", "9223372036854775808", "1E999", "ARRAY<", "STRUCT<>", "(((", ")))",
        ]

    /// One mutated input: 1 to 3 mutations of a seed, sometimes spliced with another.
    static func mutate(_ tokenized: [[String]], seeds: [String], random: inout SplitMix64) -> String {
        let seedIndex = Int.random(in: 0..<tokenized.count, using: &random)
        var tokens = tokenized[seedIndex]
        if Int.random(in: 0..<8, using: &random) == 0 {
            let other = tokenized.randomElement(using: &random)!
            tokens =
                Array(tokens.prefix(Int.random(in: 0...tokens.count, using: &random)))
                + other.suffix(Int.random(in: 0...other.count, using: &random))
        }
        for _ in 0..<Int.random(in: 1...3, using: &random) where !tokens.isEmpty {
            let at = Int.random(in: 0..<tokens.count, using: &random)
            switch Int.random(in: 0..<6, using: &random) {
            case 0: tokens.remove(at: at)
            case 1: tokens.insert(vocabulary.randomElement(using: &random)!, at: at)
            case 2: tokens.swapAt(at, Int.random(in: 0..<tokens.count, using: &random))
            case 3: tokens.insert(tokens[at], at: at)
            case 4: tokens[at] = vocabulary.randomElement(using: &random)!
            default:
                var bytes = Array(tokens[at].utf8)
                bytes.insert(
                    UInt8.random(in: 0...255, using: &random),
                    at: Int.random(in: 0...bytes.count, using: &random)
                )
                tokens[at] = String(decoding: bytes, as: UTF8.self)
            }
        }
        return tokens.joined(separator: Int.random(in: 0..<4, using: &random) == 0 ? "" : " ")
    }

    /// Why `statement` does not survive print → parse → print, or nil when it does.
    static func roundTripProblem(_ statement: Statement) -> String? {
        let printed = SQLPrinter.print(statement)
        do {
            let reparsed = try Parser.parseStatement(printed)
            if reparsed != statement { return "round trip changed the statement: \(printed)" }
            if SQLPrinter.print(reparsed) != printed { return "printing is not idempotent: \(printed)" }
            return nil
        } catch {
            return "printed SQL does not parse: \(printed)\n\(error)"
        }
    }
}
