import SluiceCore

/// AS_MAP, MAP_KEYS, MAP_VALUES, MAP_UNION, ENTRIES, SPLIT_TO_MAP.
enum MapFunctions {
    static let all: [ScalarFunction] = [asMap, mapKeys, mapValues, mapUnion, entries, splitToMap]

    static let anyMap = ParameterType.map(key: .generic("K"), value: .generic("V"))

    static let asMap = ScalarFunction(
        "AS_MAP", category: .map,
        description:
            "Builds a map from an array of keys and an array of values, pairing them by position; keys beyond "
            + "the values map to NULL, values beyond the keys are dropped, and a repeated key keeps the last "
            + "value.",
        overloads: [
            FunctionOverload(
                [.p("keys", .array(.generic("K"))), .p("values", .array(.generic("V")))],
                returns: .parameter(anyMap),
                kernel: .strict { keys, values in
                    guard case .array(let k) = keys, case .array(let v) = values else { return .null }
                    var map = MapValue()
                    for (index, key) in k.enumerated() { map[key] = index < v.count ? v[index] : .null }
                    return .map(map)
                })
        ])

    static let mapKeys = ScalarFunction(
        "MAP_KEYS", category: .map,
        description: "Returns the keys of a map as an array, or NULL if the map is NULL.",
        overloads: [
            FunctionOverload(
                [.p("map", anyMap)], returns: .parameter(.array(.generic("K"))),
                kernel: .strict { map in
                    guard case .map(let entries) = map else { return .null }
                    return .array(entries.keys)
                })
        ])

    static let mapValues = ScalarFunction(
        "MAP_VALUES", category: .map,
        description: "Returns the values of a map as an array, or NULL if the map is NULL.",
        overloads: [
            FunctionOverload(
                [.p("map", anyMap)], returns: .parameter(.array(.generic("V"))),
                kernel: .strict { map in
                    guard case .map(let entries) = map else { return .null }
                    return .array(entries.values)
                })
        ])

    static let mapUnion = ScalarFunction(
        "MAP_UNION", category: .map,
        description:
            "Returns the entries of both maps; a key in both takes the value of the second map. A NULL map "
            + "counts as empty; the result is NULL only when both are NULL.",
        overloads: [
            FunctionOverload(
                [.p("map1", anyMap), .p("map2", anyMap)], returns: .parameter(anyMap),
                kernel: .binary { first, second in
                    switch (first, second) {
                    case (.map(var union), .map(let other)):
                        for (key, value) in other.entries { union[key] = value }
                        return .map(union)
                    case (.map, _): return first
                    case (_, .map): return second
                    default: return .null
                    }
                })
        ])

    static let entries = ScalarFunction(
        "ENTRIES", category: .map,
        description:
            "Returns the entries of a map with STRING keys as an array of STRUCT<K STRING, V ...>, sorted by key "
            + "when the second argument is true.",
        overloads: [
            FunctionOverload(
                [.p("map", .map(key: .string, value: .generic("T"))), .p("sorted", .boolean)],
                returns: .computed(text: "ARRAY<STRUCT<K VARCHAR, V T>>") { (types: [SQLType?]) throws(SQLTypeError) in
                    guard case .map(_, let value)? = types[0] else {
                        throw SQLTypeError("ENTRIES needs a map argument of known type")
                    }
                    return .array(.struct([SQLType.StructField("K", .string), SQLType.StructField("V", value)]))
                },
                kernel: .strict { map, sorted in
                    guard case .map(let entries) = map else { return .null }
                    var pairs = Array(entries.entries)
                    if sorted == .boolean(true) {
                        pairs.sort { NaturalOrder.compare($0.0, $1.0) < 0 }
                    }
                    return .array(pairs.map { .struct([$0.0, $0.1]) })
                })
        ])

    static let splitToMap = ScalarFunction(
        "SPLIT_TO_MAP", category: .string,
        description:
            "Splits a string into entries at 'entryDelimiter' and each entry into key and value at "
            + "'kvDelimiter'. Empty entries and entries without 'kvDelimiter' are skipped and a repeated key keeps "
            + "the last value. NULL if an argument is NULL, a delimiter is empty or both are equal.",
        overloads: [
            FunctionOverload(
                [.p("input", .string), .p("entryDelimiter", .string), .p("kvDelimiter", .string)],
                returns: .fixed(.map(key: .string, value: .string)),
                kernel: .strict { input, entryDelimiter, kvDelimiter in
                    let entry = entryDelimiter.byteStringValue!
                    let pair = kvDelimiter.byteStringValue!
                    guard !entry.isEmpty, !pair.isEmpty, entry != pair else { return .null }
                    var map = MapValue()
                    for part in StringFunctions.splitting(input.byteStringValue!, entry, characters: true)
                    where !part.isEmpty {
                        let fields = StringFunctions.splitting(part, pair, characters: true)
                        guard fields.count > 1 else { continue }
                        map[.string(fields[0])] = .string(fields[1])
                    }
                    return .map(map)
                })
        ])
}
