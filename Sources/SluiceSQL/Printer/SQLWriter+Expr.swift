/// Accumulates canonical SQL text.
struct SQLWriter {
    var output = ""

    mutating func write(_ text: String) {
        output += text
    }

    mutating func write(_ identifier: Identifier) {
        output += SQLPrinter.identifier(identifier)
    }

    /// Writes `items` separated by ", ".
    mutating func writeList<T>(_ items: [T], _ writeItem: (inout SQLWriter, T) -> Void) {
        for (index, item) in items.enumerated() {
            if index > 0 { output += ", " }
            writeItem(&self, item)
        }
    }
}

// Expressions print with an explicit stack of pending pieces instead of recursion, so a tree of
// any depth prints (a million nested unary minuses included).
extension SQLWriter {
    private enum Piece {
        case text(String)
        case expr(Expr, minimum: SQLPrinter.Precedence)
        case type(TypeSyntax)
    }

    /// Writes `root`, in parentheses when its operator binds looser than `minimum`.
    mutating func write(_ root: Expr, minimum: SQLPrinter.Precedence) {
        var stack: [Piece] = [.expr(root, minimum: minimum)]
        var pieces: [Piece] = []
        while let piece = stack.popLast() {
            switch piece {
            case .text(let text):
                output += text
            case .type(let type):
                write(type)
            case .expr(let expr, let minimum):
                pieces.removeAll(keepingCapacity: true)
                if SQLPrinter.precedence(of: expr) < minimum {
                    pieces = [.text("("), .expr(expr, minimum: .or), .text(")")]
                } else {
                    Self.pieces(of: expr, into: &pieces)
                }
                stack.append(contentsOf: pieces.reversed())
            }
        }
    }

    /// The pieces that print `expr` itself (its operands as nested pieces).
    private static func pieces(of expr: Expr, into pieces: inout [Piece]) {
        func text(_ value: String) { pieces.append(.text(value)) }
        func operand(_ value: Expr, _ minimum: SQLPrinter.Precedence) { pieces.append(.expr(value, minimum: minimum)) }
        func list(_ values: [Expr]) {
            for (index, value) in values.enumerated() {
                if index > 0 { text(", ") }
                operand(value, .or)
            }
        }
        func not(_ negated: Bool) -> String { negated ? "NOT " : "" }

        switch expr.kind {
        case .literal(let literal):
            text(SQLPrinter.print(literal))
        case .typedLiteral(let type, let value):
            text(SQLPrinter.identifier(type) + " " + SQLPrinter.stringLiteral(value))
        case .column(let name):
            text(expressionName(name))
        case .qualifiedColumn(let source, let column):
            text(SQLPrinter.identifier(source) + "." + SQLPrinter.identifier(column))
        case .unary(let op, let value):
            text(op.rawValue)
            // `-(-x)` and `-(5)`: written without parentheses they would read as `--x` (a comment)
            // and as the literal -5.
            if op == .minus, startsWithSignOrNumber(value) || SQLPrinter.precedence(of: value) < .unary {
                text("(")
                operand(value, .or)
                text(")")
            } else {
                operand(value, .unary)
            }
        case .arithmetic(let op, let lhs, let rhs):
            let level = SQLPrinter.precedence(of: expr)
            operand(lhs, level)
            text(" \(op.rawValue) ")
            operand(rhs, SQLPrinter.Precedence(rawValue: level.rawValue + 1) ?? .primary)
        case .concat(let lhs, let rhs):
            operand(lhs, .concat)
            text(" || ")
            operand(rhs, .additive)
        case .comparison(let op, let lhs, let rhs):
            operand(lhs, .concat)
            text(" \(op.rawValue) ")
            operand(rhs, .concat)
        case .and(let operands):
            // An operand that binds looser than NOT (a nested AND or OR) gets parentheses.
            for (index, value) in operands.enumerated() {
                if index > 0 { text(" AND ") }
                operand(value, .not)
            }
        case .or(let operands):
            for (index, value) in operands.enumerated() {
                if index > 0 { text(" OR ") }
                operand(value, .and)
            }
        case .not(let value):
            text("NOT ")
            operand(value, .not)
        case .between(let value, let lower, let upper, let negated):
            operand(value, .concat)
            text(" \(not(negated))BETWEEN ")
            operand(lower, .concat)
            text(" AND ")
            operand(upper, .concat)
        case .inList(let value, let values, let negated):
            operand(value, .concat)
            text(" \(not(negated))IN (")
            list(values)
            text(")")
        case .like(let value, let pattern, let escape, let negated):
            operand(value, .concat)
            text(" \(not(negated))LIKE ")
            operand(pattern, .concat)
            if let escape { text(" ESCAPE " + SQLPrinter.stringLiteral(escape)) }
        case .isNull(let value, let negated):
            operand(value, .concat)
            text(" IS \(not(negated))NULL")
        case .isDistinctFrom(let lhs, let rhs, let negated):
            operand(lhs, .concat)
            text(" IS \(not(negated))DISTINCT FROM ")
            operand(rhs, .concat)
        case .atTimeZone(let value, let zone):
            operand(value, .atTimeZone)
            text(" AT TIME ZONE " + SQLPrinter.stringLiteral(zone))
        case .simpleCase(let value, let whens, let otherwise):
            text("CASE ")
            operand(value, .concat)
            caseTail(whens, otherwise)
        case .searchedCase(let whens, let otherwise):
            text("CASE")
            caseTail(whens, otherwise)
        case .cast(let value, let type):
            text("CAST(")
            operand(value, .or)
            text(" AS ")
            pieces.append(.type(type))
            text(")")
        case .array(let elements):
            text("ARRAY[")
            list(elements)
            text("]")
        case .map(let entries):
            text("MAP(")
            for (index, entry) in entries.enumerated() {
                if index > 0 { text(", ") }
                operand(entry.key, .or)
                text(" := ")
                operand(entry.value, .or)
            }
            text(")")
        case .structConstructor(let entries):
            text("STRUCT(")
            for (index, entry) in entries.enumerated() {
                if index > 0 { text(", ") }
                text(SQLPrinter.identifier(entry.name) + " := ")
                operand(entry.value, .or)
            }
            text(")")
        case .functionCall(let name, let arguments):
            text(expressionName(name) + "(")
            list(arguments)
            text(")")
        case .functionCallStar(let name):
            text(expressionName(name) + "(*)")
        case .lambda(let parameters, let body):
            if parameters.count == 1 {
                text(SQLPrinter.identifier(parameters[0]))
            } else {
                text("(" + parameters.map(SQLPrinter.identifier).joined(separator: ", ") + ")")
            }
            text(" => ")
            operand(body, .or)
        case .timeUnit(let unit):
            text(unit.rawValue)
        case .subscript(let base, let index):
            operand(base, .primary)
            text("[")
            operand(index, .concat)
            text("]")
        case .dereference(let base, let field):
            operand(base, .primary)
            text("->" + SQLPrinter.identifier(field))
        }

        func caseTail(_ whens: [WhenClause], _ otherwise: Expr?) {
            for when in whens {
                text(" WHEN ")
                operand(when.condition, .or)
                text(" THEN ")
                operand(when.result, .or)
            }
            if let otherwise {
                text(" ELSE ")
                operand(otherwise, .or)
            }
            text(" END")
        }
    }

    /// A column or function name. ARRAY, MAP and STRUCT are quoted there: unquoted, `MAP(...)`
    /// and `ARRAY[...]` would read as constructors.
    private static func expressionName(_ name: Identifier) -> String {
        if !name.isVariableReference, name.value == "ARRAY" || name.value == "MAP" || name.value == "STRUCT" {
            return SQLPrinter.quoted(name.value)
        }
        return SQLPrinter.identifier(name)
    }

    /// Whether `expr` prints starting with `-`, `+` or a digit (its leftmost operand, through
    /// postfix operators, is a number or a unary operation).
    private static func startsWithSignOrNumber(_ expr: Expr) -> Bool {
        var current = expr
        while true {
            switch current.kind {
            case .literal(let literal):
                switch literal {
                case .integer, .decimal, .double: return true
                default: return false
                }
            case .unary: return true
            case .subscript(let base, _), .dereference(let base, _):
                // A base looser than primary is printed in parentheses.
                guard SQLPrinter.precedence(of: base) == .primary else { return false }
                current = base
            case .atTimeZone(let base, _):
                guard SQLPrinter.precedence(of: base) >= .atTimeZone else { return false }
                current = base
            default:
                return false
            }
        }
    }
}
