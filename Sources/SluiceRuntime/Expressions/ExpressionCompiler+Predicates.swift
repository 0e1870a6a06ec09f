import SluiceCore
import SluiceFunctions
import SluicePlan

extension Compilation {
    /// Code for a BOOLEAN expression, unboxed (`nil` is NULL).
    func predicate(_ expression: PlanExpr) throws -> BoolCode {
        switch expression {
        case .column(let index, .boolean):
            return { row, _ in Compilation.boolean(row[index]) }
        case .literal(let value, _):
            let constant = Compilation.boolean(value)
            return { _, _ in constant }
        case .comparison(let op, let left, let right):
            return try comparison(op, left, right)
        case .and(let operands):
            return try logical(operands, conjunction)
        case .or(let operands):
            return try logical(operands, disjunction)
        case .not(let operand):
            let code = try predicate(operand)
            return { row, context throws(RecordError) in try code(row, context).map { !$0 } }
        case .isNull(let operand, let negated):
            if case .column(let index, _) = operand {
                return { row, _ in row[index].isNull != negated }
            }
            let code = try value(operand)
            return { row, context throws(RecordError) in try code(row, context).isNull != negated }
        case .isDistinctFrom(let left, let right, let negated):
            let l = try value(left)
            let r = try value(right)
            return { row, context throws(RecordError) in
                try ValueOrdering.isDistinct(try l(row, context), try r(row, context)) != negated
            }
        case .between(let operand, let low, let high, let negated):
            return try between(operand, low, high, negated: negated)
        case .inList(let operand, let list, let negated):
            return try inList(operand, list, negated: negated)
        case .like(let operand, let pattern, let escape, let negated):
            return try like(operand, pattern, escape: escape, negated: negated)
        default:
            let code = try value(expression)
            return { row, context throws(RecordError) in Compilation.boolean(try code(row, context)) }
        }
    }

    static func boolean(_ value: Value) -> Bool? {
        if case .boolean(let b) = value { return b }
        return nil
    }

    /// Folds AND or OR operands left to right into two-operand code. Closures are never kept in
    /// arrays: Swift stores those abstracted and calls them through thunks.
    func logical(_ operands: [PlanExpr], _ combine: (@escaping BoolCode, @escaping BoolCode) -> BoolCode) throws
        -> BoolCode
    {
        guard let first = operands.first else { throw SQLTypeError("AND and OR need operands") }
        var code = try predicate(first)
        for operand in operands.dropFirst() { code = combine(code, try predicate(operand)) }
        return code
    }

    /// `left op right`: unboxed for numbers of one kind, through `ValueOrdering` otherwise.
    func comparison(_ op: ComparisonOperator, _ left: PlanExpr, _ right: PlanExpr) throws -> BoolCode {
        switch (left.type, right.type) {
        case (.bigint, .bigint), (.integer, .bigint), (.bigint, .integer):
            return Specialized.comparison(op, try operand(left, Int64.self), try operand(right, Int64.self))
        case (.integer, .integer):
            return Specialized.comparison(op, try operand(left, Int32.self), try operand(right, Int32.self))
        case (.double, .double):
            return Specialized.comparison(op, try operand(left, Double.self), try operand(right, Double.self))
        case (.timestamp, .timestamp):
            return Specialized.comparison(
                op, try plainOperand(left, TimestampMillis.self), try plainOperand(right, TimestampMillis.self))
        case (.date, .date):
            return Specialized.comparison(
                op, try plainOperand(left, DateDays.self), try plainOperand(right, DateDays.self))
        case (.time, .time):
            return Specialized.comparison(
                op, try plainOperand(left, TimeMillis.self), try plainOperand(right, TimeMillis.self))
        default:
            let l = try value(left)
            let r = try value(right)
            return { row, context throws(RecordError) in
                // As ksqlDB's generated code, a NULL left side decides without evaluating the right.
                let a = try l(row, context)
                if a.isNull { return false }
                return try ValueOrdering.evaluate(op, a, try r(row, context))
            }
        }
    }

    /// Three-valued AND: FALSE if either operand is, else NULL if either is, else TRUE. The
    /// right operand is not evaluated after a FALSE.
    func conjunction(_ first: @escaping BoolCode, _ second: @escaping BoolCode) -> BoolCode {
        { row, context throws(RecordError) in
            let a = try first(row, context)
            if a == false { return false }
            let b = try second(row, context)
            if b == false { return false }
            return a == nil || b == nil ? nil : true
        }
    }

    /// Three-valued OR: TRUE if either operand is, else NULL if either is, else FALSE.
    func disjunction(_ first: @escaping BoolCode, _ second: @escaping BoolCode) -> BoolCode {
        { row, context throws(RecordError) in
            let a = try first(row, context)
            if a == true { return true }
            let b = try second(row, context)
            if b == true { return true }
            return a == nil || b == nil ? nil : false
        }
    }

    /// `operand BETWEEN low AND high` is `operand >= low AND operand <= high` with ksqlDB's
    /// comparisons, so NULL anywhere makes it FALSE (and NOT BETWEEN TRUE).
    func between(_ operand: PlanExpr, _ low: PlanExpr, _ high: PlanExpr, negated: Bool) throws -> BoolCode {
        let types = [operand.type, low.type, high.type]
        if types.allSatisfy({ $0 == .bigint || $0 == .integer }) {
            return typedBetween(
                try self.operand(operand, Int64.self), try self.operand(low, Int64.self),
                try self.operand(high, Int64.self), negated)
        }
        if types.allSatisfy({ $0 == .timestamp }) {
            return typedBetween(
                try plainOperand(operand, TimestampMillis.self), try plainOperand(low, TimestampMillis.self),
                try plainOperand(high, TimestampMillis.self), negated)
        }
        if types.allSatisfy({ $0 == .double }) {
            return typedBetween(
                try self.operand(operand, Double.self), try self.operand(low, Double.self),
                try self.operand(high, Double.self), negated)
        }
        let x = try value(operand)
        let l = try value(low)
        let h = try value(high)
        return { row, context throws(RecordError) in
            let v = try x(row, context)
            let inRange =
                try ValueOrdering.evaluate(.greaterOrEqual, v, try l(row, context))
                ? try ValueOrdering.evaluate(.lessOrEqual, v, try h(row, context)) : false
            return inRange != negated
        }
    }

    func typedBetween<T: UnboxedValue & Comparable>(
        _ x: Operand<T>, _ low: Operand<T>, _ high: Operand<T>, _ negated: Bool
    ) -> BoolCode {
        if case .column(let index) = x, case .constant(let a?) = low, case .constant(let b?) = high {
            return { row, _ in
                guard let v = T.unbox(row[index]) else { return negated }
                return (v >= a && v <= b) != negated
            }
        }
        let xc = x.code
        let lc = low.code
        let hc = high.code
        return { row, context throws(RecordError) in
            guard let v = try xc(row, context).map(T.init(bits:)), let a = try lc(row, context).map(T.init(bits:)),
                v >= a,
                let b = try hc(row, context).map(T.init(bits:)), v <= b
            else {
                return negated
            }
            return !negated
        }
    }

    /// `operand IN (list)`: TRUE when a list value equals the operand. NULLs never match, so a
    /// NULL operand gives FALSE (and NOT IN TRUE), as ksqlDB's `InListEvaluator`.
    func inList(_ operand: PlanExpr, _ list: [PlanExpr], negated: Bool) throws -> BoolCode {
        let constants = list.compactMap { item -> Value? in
            if case .literal(let value, _) = item { return value }
            return nil
        }
        if constants.count == list.count {
            let present = constants.filter { !$0.isNull }
            if operand.type == .bigint || operand.type == .integer {
                let set = Set(present.compactMap(Int64.widen))
                if case .column(let index, _) = operand {
                    return { row, _ in
                        guard let v = Int64.widen(row[index]) else { return negated }
                        return set.contains(v) != negated
                    }
                }
                let code = try self.operand(operand, Int64.self).code
                return { row, context throws(RecordError) in
                    guard let v = try code(row, context) else { return negated }
                    return set.contains(Int64(bits: v)) != negated
                }
            }
            let code = try value(operand)
            return { row, context throws(RecordError) in
                let v = try code(row, context)
                if v.isNull { return negated }
                return present.contains { Compilation.inListMatch(v, $0) } != negated
            }
        }
        let code = try value(operand)
        let items = try list.map { CodeBox(try value($0)) }
        return { row, context throws(RecordError) in
            let v = try code(row, context)
            if v.isNull { return negated }
            for item in items {
                let candidate = try item.code(row, context)
                if !candidate.isNull, Compilation.inListMatch(v, candidate) { return !negated }
            }
            return negated
        }
    }

    /// Equality for IN: decimals by value, everything else as Java's `equals`.
    static func inListMatch(_ a: Value, _ b: Value) -> Bool {
        if case .decimal(let x) = a, case .decimal(let y) = b { return x == y }
        return ValueOrdering.javaEquals(a, b)
    }

    /// `operand [NOT] LIKE pattern [ESCAPE 'c']`; NULL operand or pattern gives NULL.
    func like(_ operand: PlanExpr, _ pattern: PlanExpr, escape: String?, negated: Bool) throws -> BoolCode {
        if let escape, escape.count != 1 {
            throw SQLTypeError("ESCAPE must be a single character, found '\(escape)'")
        }
        let escapeCharacter = escape?.first
        let text = try value(operand)
        if case .literal(let literal, _) = pattern {
            guard let patternText = literal.byteStringValue else { return { _, _ in nil } }
            let compiled: LikePattern
            do throws(RecordError) {
                compiled = try LikePattern(patternText, escape: escapeCharacter)
            } catch {
                throw SQLTypeError(error.message)
            }
            if case .column(let index, _) = operand {
                return { row, _ in compiled.matches(row[index]).map { $0 != negated } }
            }
            return { row, context throws(RecordError) in
                compiled.matches(try text(row, context)).map { $0 != negated }
            }
        }
        let patternCode = try value(pattern)
        return { row, context throws(RecordError) in
            guard let input = try text(row, context).byteStringValue,
                let patternText = try patternCode(row, context).byteStringValue
            else { return nil }
            return try LikePattern(patternText, escape: escapeCharacter).matches(input) != negated
        }
    }
}
