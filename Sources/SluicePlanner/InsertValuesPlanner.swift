import SluiceCore
import SluicePlan
import SluiceSQL

/// A planned `INSERT INTO s [(cols)] VALUES (...)`: the target and, for each schema column, the
/// constant expression that gives its value (NULL when not listed), plus an optional ROWTIME.
public struct InsertValuesPlan: Sendable {
    public var target: SourceDefinition
    /// One expression per column of `target.schema`, evaluated over an empty row.
    public var values: [PlanExpr]
    /// The record timestamp, when `ROWTIME` was given.
    public var rowtime: PlanExpr?
}

/// Plans INSERT ... VALUES.
public struct InsertValuesPlanner {
    let context: PlannerContext

    public init(context: PlannerContext) {
        self.context = context
    }

    public func plan(_ statement: InsertValuesStatement) throws(Diagnostic) -> InsertValuesPlan {
        let name = statement.target.value
        guard let target = context.catalog.source(named: name) else {
            var message = "Cannot insert values into an unknown stream/table: `\(name)`"
            if let similar = context.catalog.sources.keys.first(where: { $0.uppercased() == name.uppercased() }) {
                message += statement.target.isQuoted
                    ? "\nDid you mean \(similar)? Hint: try removing double quotes from the source name."
                    : "\nDid you mean \"\(similar)\"? Hint: wrap the source name in double quotes to make it case-sensitive"
            }
            throw .error(message, at: statement.target.range)
        }
        if target.window != nil {
            // A windowed key needs window bounds, which INSERT ... VALUES has no way to give.
            throw .error("Cannot insert values into windowed \(target.kind == .stream ? "stream" : "table"): \(name)",
                         at: statement.target.range)
        }
        if target.isReadOnly {
            throw .error("Cannot insert into read-only \(target.kind == .stream ? "stream" : "table"): \(name)",
                         at: statement.target.range)
        }
        let schema = target.schema
        let columnNames: [String]
        if statement.columns.isEmpty {
            let headers = schema.headerColumns.map(\.name)
            if !headers.isEmpty {
                throw .error("Cannot insert into HEADER columns: \(headers.joined(separator: ", "))", at: statement.range)
            }
            columnNames = schema.columns.map(\.name)
        } else {
            columnNames = statement.columns.map(\.value)
            let headers = columnNames.filter { schema.column(named: $0)?.isHeader == true }
            if !headers.isEmpty {
                throw .error("Cannot insert into HEADER columns: \(headers.joined(separator: ", "))", at: statement.range)
            }
        }
        guard columnNames.count == statement.values.count else {
            throw .error("Expected number columns and values to match: \(columnNames), \(statement.values.map(\.description))",
                         at: statement.range)
        }
        let analyzer = ExpressionAnalyzer(scope: Scope(columns: []), registry: context.registry, types: context.types,
                                          clause: "INSERT VALUES")
        var values = schema.columns.map { PlanExpr.literal(value: .null, type: $0.type) }
        var rowtime: PlanExpr?
        for (index, columnName) in columnNames.enumerated() {
            let expr = statement.values[index]
            let typed = try analyzer.analyze(expr)
            if columnName == "ROWTIME" {
                rowtime = try coerce(typed, to: .bigint, column: columnName, expr: expr)
                continue
            }
            guard let slot = schema.index(of: columnName) else {
                throw .error("Column name \(columnName) does not exist.", at: statement.columns.isEmpty
                             ? expr.range : statement.columns[index].range)
            }
            values[slot] = try coerce(typed, to: schema.columns[slot].type, column: columnName, expr: expr)
        }
        return InsertValuesPlan(target: target, values: values, rowtime: rowtime)
    }

    /// Whether an ARRAY, MAP or STRUCT value converts to `type` element by element (numbers to
    /// numbers, text to temporal types), as ksqlDB's value coercer converts `ARRAY[1.5]` for an
    /// `ARRAY<DOUBLE>` column.
    static func convertsElementwise(_ actual: SQLType, to type: SQLType) -> Bool {
        switch (actual, type) {
        case (.array(let from), .array(let to)):
            return from == to || convertsElementwise(from, to: to)
        case (.map(let fromKey, let fromValue), .map(let toKey, let toValue)):
            return (fromKey == toKey || convertsElementwise(fromKey, to: toKey))
                && (fromValue == toValue || convertsElementwise(fromValue, to: toValue))
        case (.struct(let from), .struct(let to)):
            return from.count == to.count && zip(from, to).allSatisfy { field, target in
                field.name == target.name && (field.type == target.type || convertsElementwise(field.type, to: target.type))
            }
        default:
            return (actual.isNumeric && type.isNumeric) || (actual == .string && [.date, .time, .timestamp].contains(type))
        }
    }

    /// Whether a number of type `actual` goes into a `target` column without losing anything: an
    /// integer column takes only integral literals in its range (never a computed wider value),
    /// other columns take any number.
    static func fitsInteger(_ plan: PlanExpr, actual: SQLType, target: SQLType) -> Bool {
        let range: ClosedRange<Int128>
        switch target {
        case .integer: range = Int128(Int32.min)...Int128(Int32.max)
        case .bigint: range = Int128(Int64.min)...Int128(Int64.max)
        default: return true
        }
        if actual == .integer { return true }
        if actual == .bigint && target == .bigint { return true }
        guard case .literal(let value, _) = plan else { return false }
        switch value {
        case .integer(let number): return range.contains(Int128(number))
        case .bigint(let number): return range.contains(Int128(number))
        case .decimal(let decimal):
            guard decimal.scale <= 0 || decimal.unscaled % pow10(Int(decimal.scale)) == 0 else { return false }
            return range.contains(decimal.scale <= 0 ? decimal.unscaled : decimal.unscaled / pow10(Int(decimal.scale)))
        case .double(let number): return number.rounded() == number && Double(range.lowerBound) <= number && number <= Double(range.upperBound)
        default: return true
        }
    }

    private static func pow10(_ exponent: Int) -> Int128 {
        (0..<exponent).reduce(Int128(1)) { product, _ in product * 10 }
    }

    /// A value for a column: the same type, or one ksqlDB converts implicitly on insert.
    private func coerce(_ typed: TypedExpr, to type: SQLType, column: String, expr: Expr) throws(Diagnostic) -> PlanExpr {
        guard let actual = typed.type, actual != type else { return typed.coerced(to: type) }
        if actual.isNumeric && type.isNumeric {
            if Self.fitsInteger(typed.plan, actual: actual, target: type) { return typed.coerced(to: type) }
            throw .error("Expected type \(type) for field \(column) but got \(expr)(\(actual)): the value does not fit "
                + "without losing part of it", at: expr.range)
        }
        if actual == .string, [.date, .time, .timestamp, .bytes].contains(type) { return typed.coerced(to: type) }
        if case .string = actual, typed.literal != nil, type.isNumeric || type == .boolean { return typed.coerced(to: type) }
        if type == .string, typed.literal != nil { return typed.coerced(to: type) }
        if Self.convertsElementwise(actual, to: type) { return typed.coerced(to: type) }
        throw .error("Expected type \(type) for field \(column) but got \(expr)(\(actual))", at: expr.range)
    }
}
