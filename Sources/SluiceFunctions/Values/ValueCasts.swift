import SluiceCore

/// A conversion of one value, chosen once for a pair of types.
public typealias ValueTransform = @Sendable (Value) throws(RecordError) -> Value

/// CAST with ksqlDB's runtime semantics (ksqlDB's `CastEvaluator`).
///
/// - Numbers narrow as Java's primitive casts: BIGINT to INTEGER keeps the low 32 bits, DOUBLE to
///   an integer truncates toward zero and saturates (NaN becomes 0), DECIMAL to an integer
///   truncates and keeps the low bits.
/// - To DECIMAL(p, s): the value must be below 10^(p - s), else "Numeric field overflow"; extra
///   fraction digits round HALF_UP.
/// - From STRING the text is trimmed first; numbers parse as Java's `parseInt`/`parseLong`, and a
///   failure is a record error. To BOOLEAN, any prefix of `true` or `yes` (any case) is true and
///   everything else false. To BYTES the text is base64.
/// - Temporal text as `TemporalText`.
/// - ARRAY, MAP and STRUCT cast element by element; a STRUCT takes the target's fields by name,
///   NULL where the source has none.
/// - NULL casts to NULL.
public enum ValueCasts {
    /// The conversion from `from` to `to`.
    ///
    /// - Throws: `SQLTypeError` when ksqlDB does not support the cast.
    public static func caster(from: SQLType, to: SQLType) throws(SQLTypeError) -> ValueTransform {
        try TypeRules.checkCast(from, to: to)
        return make(from, to)
    }

    static func make(_ from: SQLType, _ to: SQLType) -> ValueTransform {
        if from == to { return { $0 } }
        switch to {
        case .string:
            return { value in ValueText.castString(value, type: from).map { .string(ByteString($0)) } ?? .null }
        case .integer: return toInteger(from)
        case .bigint: return toBigint(from)
        case .double: return toDouble(from)
        case .decimal(let precision, let scale): return toDecimal(from, precision: precision, scale: scale)
        case .boolean:
            return { value in
                guard case .string(let text) = value else { return .null }
                return .boolean(JavaText.parseBooleanLeniently(JavaText.trim(text.string)))
            }
        case .date, .time, .timestamp, .bytes: return toTemporalOrBytes(from, to)
        case .array(let target):
            guard case .array(let source) = from else { return { _ in .null } }
            let element = make(source, target)
            return { value throws(RecordError) in
                guard case .array(let elements) = value else { return .null }
                var result: [Value] = []
                result.reserveCapacity(elements.count)
                for item in elements { result.append(try element(item)) }
                return .array(result)
            }
        case .map(let targetKey, let targetValue):
            guard case .map(let sourceKey, let sourceValue) = from else { return { _ in .null } }
            let key = make(sourceKey, targetKey)
            let entry = make(sourceValue, targetValue)
            return { value throws(RecordError) in
                guard case .map(let map) = value else { return .null }
                var result = MapValue()
                for (k, v) in map.entries { result[try key(k)] = try entry(v) }
                return .map(result)
            }
        case .struct(let targetFields):
            guard case .struct(let sourceFields) = from else { return { _ in .null } }
            let plan: [(Int, ValueTransform)?] = targetFields.map { field in
                guard let index = sourceFields.firstIndex(where: { $0.name == field.name }) else { return nil }
                return (index, make(sourceFields[index].type, field.type))
            }
            return { value throws(RecordError) in
                guard case .struct(let fields) = value else { return .null }
                var result: [Value] = []
                result.reserveCapacity(plan.count)
                for step in plan {
                    if let (index, cast) = step, index < fields.count {
                        result.append(try cast(fields[index]))
                    } else {
                        result.append(.null)
                    }
                }
                return .struct(result)
            }
        }
    }

    static func numberFormatError(_ text: ByteString) -> RecordError {
        RecordError("For input string: \"\(text.string)\"")
    }

    static func toInteger(_ from: SQLType) -> ValueTransform {
        { value throws(RecordError) in
            switch value {
            case .bigint(let v): return .integer(Int32(truncatingIfNeeded: v))
            case .double(let v): return .integer(JavaNumbers.int32(v))
            case .decimal(let v): return .integer(Int32(truncatingIfNeeded: DecimalCasting.truncatedBits(v)))
            case .integer: return value
            case .string(let text):
                let parsed = text.withBytes {
                    JavaText.parseInt32(UnsafeRawBufferPointer(rebasing: $0[JavaText.trimmedRange($0)]))
                }
                guard let result = parsed else { throw numberFormatError(text) }
                return .integer(result)
            default: return .null
            }
        }
    }

    static func toBigint(_ from: SQLType) -> ValueTransform {
        { value throws(RecordError) in
            switch value {
            case .integer(let v): return .bigint(Int64(v))
            case .double(let v): return .bigint(JavaNumbers.int64(v))
            case .decimal(let v): return .bigint(DecimalCasting.truncatedBits(v))
            case .bigint: return value
            case .string(let text):
                let parsed = text.withBytes {
                    JavaText.parseInt64(UnsafeRawBufferPointer(rebasing: $0[JavaText.trimmedRange($0)]))
                }
                guard let result = parsed else { throw numberFormatError(text) }
                return .bigint(result)
            default: return .null
            }
        }
    }

    static func toDouble(_ from: SQLType) -> ValueTransform {
        { value throws(RecordError) in
            switch value {
            case .integer(let v): return .double(Double(v))
            case .bigint(let v): return .double(Double(v))
            case .decimal(let v): return .double(v.doubleValue)
            case .double: return value
            case .string(let text):
                guard let result = JavaText.parseDouble(JavaText.trim(text.string)) else {
                    throw numberFormatError(text)
                }
                return .double(result)
            default: return .null
            }
        }
    }

    static func toDecimal(_ from: SQLType, precision: Int, scale: Int) -> ValueTransform {
        { value throws(RecordError) in
            switch value {
            case .integer(let v):
                return .decimal(try DecimalCasting.fromInteger(Int64(v), precision: precision, scale: scale))
            case .bigint(let v): return .decimal(try DecimalCasting.fromInteger(v, precision: precision, scale: scale))
            case .double(let v): return .decimal(try DecimalCasting.fromDouble(v, precision: precision, scale: scale))
            case .decimal(let v): return .decimal(try DecimalCasting.fromDecimal(v, precision: precision, scale: scale))
            case .string(let text):
                return .decimal(try DecimalCasting.fromString(text.string, precision: precision, scale: scale))
            default: return .null
            }
        }
    }

    static func toTemporalOrBytes(_ from: SQLType, _ to: SQLType) -> ValueTransform {
        { value throws(RecordError) in
            switch (value, to) {
            case (.string(let text), .timestamp):
                return .timestamp(try TemporalText.parseTimestamp(JavaText.trim(text.string)))
            case (.string(let text), .time): return .time(try TemporalText.parseTime(JavaText.trim(text.string)))
            case (.string(let text), .date): return .date(try TemporalText.parseDate(JavaText.trim(text.string)))
            case (.string(let text), .bytes):
                let bytes = try text.withBytesThrowing { (raw) throws(RecordError) in
                    try Base64.decode(UnsafeRawBufferPointer(rebasing: raw[JavaText.trimmedRange(raw)]))
                }
                return .bytes(ByteString(bytes))
            case (.date(let days), .timestamp): return .timestamp(Int64(days) * Temporal.millisPerDay)
            case (.timestamp(let millis), .date):
                return .date(Int32(truncatingIfNeeded: Temporal.floorDiv(millis, Temporal.millisPerDay)))
            case (.timestamp(let millis), .time):
                return .time(Int32(Temporal.floorMod(millis, Temporal.millisPerDay)))
            default: return .null
            }
        }
    }
}

/// Java's narrowing conversions from `double`.
package enum JavaNumbers {
    /// `(int) d`: truncates toward zero, saturates, NaN is 0.
    @inlinable package static func int32(_ d: Double) -> Int32 {
        if d.isNaN { return 0 }
        if d >= 2_147_483_647 { return .max }
        if d <= -2_147_483_648 { return .min }
        return Int32(d)
    }

    /// `(long) d`: truncates toward zero, saturates, NaN is 0.
    @inlinable package static func int64(_ d: Double) -> Int64 {
        if d.isNaN { return 0 }
        if d >= 9_223_372_036_854_775_807.0 { return .max }
        if d <= -9_223_372_036_854_775_808.0 { return .min }
        return Int64(d)
    }
}
