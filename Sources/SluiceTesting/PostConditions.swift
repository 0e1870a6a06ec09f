import Foundation
import SluiceCore
import SluiceLog
import SluicePlanner

/// Checks QTT `post.sources`: each named source exists with the expected type, schema and formats.
enum PostConditions {
    /// Checks QTT `post.topics`: topics that must exist (with their partition counts) and the
    /// blacklist pattern no topic may match.
    static func checkTopics(_ testCase: TestCase, store: LogStore) -> String? {
        for topic in testCase.postTopics {
            guard store.hasTopic(topic.name) else { return "post: topic \(topic.name) does not exist" }
            if let partitions = topic.partitions, let actual = try? store.partitionCount(of: topic.name), actual != partitions {
                return "post: topic \(topic.name) has \(actual) partitions, expected \(partitions)"
            }
        }
        if let blacklist = testCase.topicBlacklist,
            let pattern = try? NSRegularExpression(pattern: "^(?:" + blacklist + ")$")
        {
            for name in store.topicNames {
                let range = NSRange(name.startIndex..., in: name)
                if pattern.firstMatch(in: name, range: range) != nil {
                    return "post: topic \(name) exists but matches the blacklist \(blacklist)"
                }
            }
        }
        return nil
    }

    static func check(_ expectations: [SourceExpectation], catalog: Catalog) -> String? {
        for expectation in expectations {
            guard let source = catalog.source(named: expectation.name)
                ?? catalog.sources.values.first(where: { $0.name.uppercased() == expectation.name.uppercased() })
            else { return "post: source \(expectation.name) does not exist" }
            if let type = expectation.type, type.uppercased() != source.kind.rawValue {
                return "post: \(source.name) is a \(source.kind.rawValue), expected \(type.uppercased())"
            }
            if let schema = expectation.schema {
                guard let expected = SchemaText.parse(schema) else { return "post: cannot read expected schema '\(schema)'" }
                let actual = source.schema.columns.map { SchemaText.Element(name: $0.name, type: $0.type, kind: $0.kind) }
                if expected != actual {
                    return "post: \(source.name) schema is \(source.schema.description), expected \(schema)"
                }
            }
            if let format = expectation.keyFormat, format.uppercased() != source.keyFormat.kind.rawValue {
                return "post: \(source.name) key format is \(source.keyFormat.kind.rawValue), expected \(format)"
            }
            if let windowType = expectation.windowType {
                let actual = source.window?.type
                if windowType != actual || (expectation.windowSize != nil && expectation.windowSize != source.window?.sizeMilliseconds) {
                    return "post: \(source.name) key window is \(actual ?? "none")"
                        + (source.window?.sizeMilliseconds.map { " of \($0) ms" } ?? "")
                        + ", expected \(windowType ?? "none")" + (expectation.windowSize.map { " of \($0) ms" } ?? "")
                }
            }
            if let features = expectation.valueFeatures {
                let unwrapped = source.valueFormat.wrapSingleValue == false
                if features.contains("UNWRAP_SINGLES") != unwrapped {
                    return "post: \(source.name) value features are \(unwrapped ? "[UNWRAP_SINGLES]" : "[]"), expected \(features)"
                }
            }
            if let format = expectation.valueFormat, format.uppercased() != source.valueFormat.kind.rawValue {
                return "post: \(source.name) value format is \(source.valueFormat.kind.rawValue), expected \(format)"
            }
        }
        return nil
    }
}

/// Reads schema text such as `` `ID` INT KEY, NAME STRING, H ARRAY<STRUCT<KEY STRING, VALUE BYTES>> HEADERS ``.
enum SchemaText {
    struct Element: Equatable {
        var name: String
        var type: SQLType
        var kind: ColumnKind
    }

    static func parse(_ text: String) -> [Element]? {
        var elements: [Element] = []
        for part in splitTopLevel(text) {
            var rest = part.trimmingCharacters(in: .whitespaces)
            guard !rest.isEmpty else { continue }
            let name: String
            if rest.hasPrefix("`") {
                guard let close = rest.dropFirst().firstIndex(of: "`") else { return nil }
                name = String(rest[rest.index(after: rest.startIndex)..<close])
                rest = String(rest[rest.index(after: close)...]).trimmingCharacters(in: .whitespaces)
            } else {
                guard let space = rest.firstIndex(of: " ") else { return nil }
                // Unquoted names are upper-cased, as in SQL.
                name = String(rest[..<space]).uppercased()
                rest = String(rest[space...]).trimmingCharacters(in: .whitespaces)
            }
            var kind = ColumnKind.value
            let upper = rest.uppercased()
            if upper.hasSuffix(" PRIMARY KEY") {
                kind = .key
                rest = String(rest.dropLast(" PRIMARY KEY".count))
            } else if upper.hasSuffix(" KEY") {
                kind = .key
                rest = String(rest.dropLast(" KEY".count))
            } else if upper.hasSuffix(" HEADERS") {
                kind = .headers
                rest = String(rest.dropLast(" HEADERS".count))
            } else if let range = upper.range(of: " HEADER('", options: .backwards) {
                let offset = upper.distance(from: upper.startIndex, to: range.lowerBound)
                let start = rest.index(rest.startIndex, offsetBy: offset)
                let header = rest[rest.index(start, offsetBy: " HEADER('".count)...].dropLast(2)
                kind = .header(String(header))
                rest = String(rest[..<start])
            }
            guard let type = SQLType(canonicalText: rest.trimmingCharacters(in: .whitespaces)) else { return nil }
            elements.append(Element(name: name, type: type, kind: kind))
        }
        return elements
    }

    /// Splits at commas outside `<>`, `()` and backquotes.
    private static func splitTopLevel(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        var quoted = false
        for character in text {
            switch character {
            case "`": quoted.toggle()
            case "<", "(": if !quoted { depth += 1 }
            case ">", ")": if !quoted { depth -= 1 }
            case "," where depth == 0 && !quoted:
                parts.append(current)
                current = ""
                continue
            default: break
            }
            current.append(character)
        }
        parts.append(current)
        return parts
    }
}
