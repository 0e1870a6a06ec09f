import SluiceCore
import SluiceFormats

/// TO_JSON_STRING, EXTRACTJSONFIELD, IS_JSON_STRING, JSON_ARRAY_LENGTH, JSON_CONCAT, JSON_ITEMS,
/// JSON_KEYS, JSON_RECORDS; JSON_ARRAY_CONTAINS is in `JSONFunctions+Contains.swift`.
enum JSONFunctions {
    static let all: [ScalarFunction] = [
        toJSONString, extractJSONField, isJSONString, jsonArrayLength, jsonConcat, jsonItems, jsonKeys, jsonRecords,
        jsonArrayContains,
    ]

    static let toJSONString = ScalarFunction(
        "TO_JSON_STRING", category: .json,
        description:
            "Returns the JSON text of any value: structs and maps become objects with sorted keys, temporal "
            + "values and BYTES become strings, NULL becomes 'null'.",
        overloads: [
            FunctionOverload([.p("input", .generic("T"))], returns: .fixed(.string)) { (site: CallSite) in
                let type = site.argumentTypes[0]
                return .unary { value in .string(JSONDocument.json(value, type: type).compactText) }
            }
        ])

    static let extractJSONField = ScalarFunction(
        "EXTRACTJSONFIELD", category: .json,
        description:
            "Returns the value at a JSONPath ('$.a.b', '$.list[0]', '$[\"key\"]') in a JSON string: a string as "
            + "its text, anything else as JSON text; NULL when the path does not exist.",
        overloads: [
            FunctionOverload([.p("input", .string), .p("path", .string)], returns: .fixed(.string)) {
                (site: CallSite) -> ScalarKernel in
                // A constant path is parsed once; an invalid one fails every row, as in ksqlDB.
                if case .string(let text)? = site.constantArguments[1] {
                    let path = Result { () throws(RecordError) in try JSONPath(text.string) }
                    return .strict { input, _ throws(RecordError) in try extract(input, try path.get()) }
                }
                return .strict { input, path throws(RecordError) in
                    try extract(input, try JSONPath(path.byteStringValue!.string))
                }
            }
        ])

    static func extract(_ input: Value, _ path: JSONPath) throws(RecordError) -> Value {
        guard let document = try JSONDocument.parse(input.byteStringValue!) else {
            return path.steps.isEmpty ? .string("") : .null
        }
        return path.select(in: document).map { .string(JSONDocument.textOrJSON($0)) } ?? .null
    }

    static let isJSONString = ScalarFunction(
        "IS_JSON_STRING", category: .json,
        description: "Returns true if a string is valid JSON text, false otherwise (also for NULL).",
        overloads: [
            FunctionOverload(
                [.p("input", .string)], returns: .fixed(.boolean),
                kernel: .unary { input in
                    guard let text = input.byteStringValue else { return .boolean(false) }
                    return .boolean(((try? JSONDocument.parse(text)) ?? nil) != nil)
                })
        ])

    /// A function of one JSON string that is NULL for NULL, empty or whitespace-only input.
    static func ofDocument(
        _ name: String, _ description: String, returns: SQLType,
        _ body: @escaping @Sendable (JSONValue) throws(RecordError) -> Value
    ) -> ScalarFunction {
        ScalarFunction(
            name, category: .json, description: description,
            overloads: [
                FunctionOverload(
                    [.p("input", .string)], returns: .fixed(returns),
                    kernel: .strict { input throws(RecordError) in
                        guard let document = try JSONDocument.parse(input.byteStringValue!) else { return .null }
                        return try body(document)
                    })
            ])
    }

    static let jsonArrayLength = ofDocument(
        "JSON_ARRAY_LENGTH",
        "Returns the number of elements of a JSON array, or NULL if the string is NULL or not a JSON array.",
        returns: .integer
    ) { document in
        guard case .array(let elements) = document else { return .null }
        return .integer(Int32(elements.count))
    }

    static let jsonKeys = ofDocument(
        "JSON_KEYS", "Returns the top-level keys of a JSON object, or NULL if the string is not a JSON object.",
        returns: .array(.string)
    ) { document in
        guard case .object(let object) = document else { return .null }
        return .array(JSONDocument.members(object).map { .string($0.key) })
    }

    static let jsonRecords = ofDocument(
        "JSON_RECORDS",
        "Returns the top-level entries of a JSON object as a map from key to value text (strings as their text, "
            + "anything else as JSON), or NULL if the string is not a JSON object.",
        returns: .map(key: .string, value: .string)
    ) { document in
        guard case .object(let object) = document else { return .null }
        var map = MapValue()
        for member in JSONDocument.members(object) {
            map[.string(member.key)] = .string(JSONDocument.textOrJSON(member.value))
        }
        return .map(map)
    }

    static let jsonItems = ofDocument(
        "JSON_ITEMS",
        "Returns the objects of a JSON array as an array of JSON strings, or NULL if an item is not an object.",
        returns: .array(.string)
    ) { document throws(RecordError) in
        guard case .array(let elements) = document else {
            throw RecordError("Provided JSON string is not an array")
        }
        var items: [Value] = []
        for element in elements {
            guard case .object = element else { return .null }
            items.append(.string(JSONDocument.text(element, plainNumbers: false)))
        }
        return .array(items)
    }

    static let jsonConcat = ScalarFunction(
        "JSON_CONCAT", category: .json,
        description:
            "Concatenates JSON strings as PostgreSQL's || does: objects merge their top-level keys (later values "
            + "win); otherwise arrays concatenate, other values counting as one-element arrays. NULL if any "
            + "argument is NULL or not JSON.",
        overloads: [
            FunctionOverload(
                [.p("inputs", .string)], variadic: true, returns: .fixed(.string),
                kernel: .variadic { arguments throws(RecordError) in try concatenate(arguments) })
        ])

    static func concatenate(_ arguments: UnsafeBufferPointer<Value>) throws(RecordError) -> Value {
        guard !arguments.isEmpty else { throw RecordError("JSON_CONCAT needs at least one argument") }
        var documents: [JSONValue] = []
        for argument in arguments {
            guard let text = argument.byteStringValue, let document = try JSONDocument.parse(text) else {
                return .null
            }
            documents.append(document)
        }
        let objects = documents.compactMap { document -> JSONObject? in
            if case .object(let object) = document { return object }
            return nil
        }
        let result: JSONValue
        if objects.count == documents.count {
            var merged = JSONObject(JSONDocument.members(objects[0]))
            for object in objects.dropFirst() {
                for member in object.members { merged[member.key] = member.value }
            }
            result = .object(merged)
        } else if documents.count == 1 {
            result = documents[0]
        } else {
            result = .array(
                documents.flatMap { document -> [JSONValue] in
                    if case .array(let elements) = document { return elements }
                    return [document]
                })
        }
        return .string(JSONDocument.text(result, plainNumbers: true))
    }
}
