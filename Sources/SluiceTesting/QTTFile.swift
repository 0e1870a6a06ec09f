import Foundation
import SluiceCore
import SluiceFormats

/// Reads ksqlDB's query-validation test files (QTT JSON) into expanded test cases.
///
/// A case with `format: [A, B]` becomes one case per format, with `{FORMAT}` replaced in every
/// statement; a case with `config: [x, y]` one per value of the property whose value is `{CONFIG}`.
public enum QTTFile {
    public struct ReadError: Error, CustomStringConvertible {
        public var description: String
    }

    public static func read(path: String) throws -> [TestCase] {
        let text = try TestFileText.read(path)
        let root: JSONValue
        do {
            root = try JSONValue.parse(text)
        } catch {
            throw ReadError(description: "\(path):\(error)")
        }
        let fileName = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        guard let tests = root["tests"]?.arrayValue else { throw ReadError(description: "\(path): no \"tests\" array") }
        var cases: [TestCase] = []
        for test in tests {
            if test["enabled"]?.boolValue == false { continue }
            cases += try expand(test, fileName: fileName, path: path)
        }
        return cases
    }

    private static func expand(_ test: JSONValue, fileName: String, path: String) throws -> [TestCase] {
        guard let name = test["name"]?.stringValue, let statements = test["statements"]?.arrayValue?.compactMap(\.stringValue)
        else { throw ReadError(description: "\(path): a test without name or statements") }
        let formats: [String?] = test["format"]?.arrayValue?.compactMap(\.stringValue).map { Optional($0) } ?? [nil]
        let configs: [String?] = test["config"]?.arrayValue?.compactMap { $0.stringValue ?? $0.numberText }.map { Optional($0) }
            ?? [nil]
        var properties: [String: String] = [:]
        for member in test["properties"]?.objectValue ?? JSONObject() {
            properties[member.key] = member.value.stringValue ?? member.value.numberText ?? member.value.boolValue.map { "\($0)" }
        }
        var cases: [TestCase] = []
        for format in formats {
            for config in configs {
                var caseName = "\(fileName) - \(name)"
                if let format { caseName += " - \(format)" }
                var caseProperties = properties
                if let config, let key = properties.first(where: { $0.value == "{CONFIG}" })?.key {
                    caseProperties[key] = config
                    caseName += " - \(config)"
                }
                let expanded = statements.map { $0.replacingOccurrences(of: "{FORMAT}", with: format ?? "{FORMAT}") }
                let expected = test["expectedException"]
                var testCase = TestCase(
                    name: caseName, file: fileName, statements: expanded, properties: caseProperties,
                    inputs: try records(test["inputs"], path: path), outputs: try records(test["outputs"], path: path),
                    // `"expectedException": {}` expects any error.
                    expectedErrorType: expected.flatMap { $0 == .null ? nil : ($0["type"]?.stringValue ?? "") },
                    expectedErrorMessage: expected?["message"]?.stringValue)
                testCase.topics = (test["topics"]?.arrayValue ?? []).compactMap(topic)
                if let post = test["post"] {
                    testCase.post = (post["sources"]?.arrayValue ?? []).compactMap(sourceExpectation)
                    testCase.topicBlacklist = post["topics"]?["blacklist"]?.stringValue
                    testCase.postTopics = (post["topics"]?["topics"]?.arrayValue ?? []).compactMap { topic in
                        topic["name"]?.stringValue.map { ($0, topic["partitions"]?.int64Value.map { Int($0) }) }
                    }
                }
                cases.append(testCase)
            }
        }
        return cases
    }

    static func records(_ json: JSONValue?, path: String) throws -> [TestRecord] {
        try (json?.arrayValue ?? []).map { item in
            guard let topic = item["topic"]?.stringValue else { throw ReadError(description: "\(path): a record without topic") }
            let window = item["window"].flatMap { window -> TestWindow? in
                // A bound left out is 0, as ksqlDB reads it.
                guard window != .null else { return nil }
                return TestWindow(start: window["start"]?.int64Value ?? 0, end: window["end"]?.int64Value ?? 0,
                                  type: (window["type"]?.stringValue ?? "time").lowercased())
            }
            let headers = item["headers"]?.arrayValue?.map { header in
                (key: header["KEY"]?.stringValue ?? header["key"]?.stringValue ?? "",
                 value: header["VALUE"]?.stringValue ?? header["value"]?.stringValue)
            }
            var key = item["key"]
            if key == .null { key = nil }
            return TestRecord(topic: topic, key: key, value: item["value"] ?? .null,
                              timestamp: item["timestamp"]?.int64Value, window: window, headers: headers)
        }
    }

    private static func topic(_ json: JSONValue) -> TopicSpec? {
        guard let name = json["name"]?.stringValue else { return nil }
        let schemaKeys = ["keySchema", "valueSchema", "keySchemaId", "valueSchemaId", "schema"]
        return TopicSpec(name: name, partitions: json["partitions"]?.int64Value.map { Int($0) },
                         usesSchemaRegistry: schemaKeys.contains { json[$0] != nil && json[$0] != .null })
    }

    private static func sourceExpectation(_ json: JSONValue) -> SourceExpectation? {
        guard let name = json["name"]?.stringValue else { return nil }
        // A format is written as `{"format": "JSON"}` or as the bare name.
        var expectation = SourceExpectation(
            name: name, type: json["type"]?.stringValue, schema: json["schema"]?.stringValue,
            keyFormat: json["keyFormat"]?["format"]?.stringValue ?? json["keyFormat"]?.stringValue,
            valueFormat: json["valueFormat"]?["format"]?.stringValue ?? json["valueFormat"]?.stringValue)
        expectation.valueFeatures = json["valueFeatures"]?.arrayValue?.compactMap(\.stringValue)
        expectation.keyFeatures = json["keyFeatures"]?.arrayValue?.compactMap(\.stringValue)
        if let windowType = json["keyFormat"]?["windowType"] {
            expectation.windowType = .some(windowType.stringValue?.uppercased())
            expectation.windowSize = json["keyFormat"]?["windowSize"]?.int64Value
        }
        return expectation
    }
}
