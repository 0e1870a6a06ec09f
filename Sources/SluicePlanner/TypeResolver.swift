import SluiceCore
import SluiceSQL

/// Turns type syntax into concrete types, expanding `CREATE TYPE` aliases.
struct TypeResolver {
    let customTypes: [String: SQLType]

    func resolve(_ syntax: TypeSyntax) throws(Diagnostic) -> SQLType {
        switch syntax.kind {
        case .boolean: return .boolean
        case .integer: return .integer
        case .bigint: return .bigint
        case .double: return .double
        case .string: return .string
        case .bytes: return .bytes
        case .date: return .date
        case .time: return .time
        case .timestamp: return .timestamp
        case .decimal(let precision, let scale):
            // ksqlDB accepts any precision; values wider than 38 digits fail when a record holds one.
            guard precision >= 1 else {
                throw .error("DECIMAL precision must be >= 1: DECIMAL(\(precision), \(scale))", at: syntax.range)
            }
            guard scale >= 0, scale <= precision else {
                throw .error("DECIMAL scale must be between 0 and the precision (\(precision)): \(scale)", at: syntax.range)
            }
            return .decimal(precision: precision, scale: scale)
        case .array(let element):
            return .array(try resolve(element))
        case .map(let key, let value):
            return .map(key: try resolve(key), value: try resolve(value))
        case .struct(let fields):
            var seen = Set<String>()
            var resolved: [SQLType.StructField] = []
            for field in fields {
                guard seen.insert(field.name.value).inserted else {
                    throw .error("Duplicate field names found in STRUCT: '\(field.name.value)'", at: field.range)
                }
                resolved.append(SQLType.StructField(field.name.value, try resolve(field.type)))
            }
            return .struct(resolved)
        case .custom(let name):
            guard let type = customTypes[name.value] else {
                throw .error("Unknown type: \(name.value)", at: syntax.range)
            }
            return type
        }
    }
}
