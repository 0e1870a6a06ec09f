import SluiceCore
import SluiceFunctions

// Operators are types, not closures: code built by a function generic over them is specialized
// per operator and inlines the operation, so `a * b` costs no indirect call.

protocol ArithmeticOperation {
    static func apply<T: UnboxedNumber>(_ a: T, _ b: T) throws(RecordError) -> T
}

enum AddOperation: ArithmeticOperation {
    @inline(__always) static func apply<T: UnboxedNumber>(_ a: T, _ b: T) throws(RecordError) -> T { T.add(a, b) }
}

enum SubtractOperation: ArithmeticOperation {
    @inline(__always) static func apply<T: UnboxedNumber>(_ a: T, _ b: T) throws(RecordError) -> T { T.subtract(a, b) }
}

enum MultiplyOperation: ArithmeticOperation {
    @inline(__always) static func apply<T: UnboxedNumber>(_ a: T, _ b: T) throws(RecordError) -> T { T.multiply(a, b) }
}

enum DivideOperation: ArithmeticOperation {
    @inline(__always) static func apply<T: UnboxedNumber>(_ a: T, _ b: T) throws(RecordError) -> T {
        try T.divide(a, b)
    }
}

enum RemainderOperation: ArithmeticOperation {
    @inline(__always) static func apply<T: UnboxedNumber>(_ a: T, _ b: T) throws(RecordError) -> T {
        try T.remainder(a, b)
    }
}

protocol ComparisonOperation {
    static func test<T: UnboxedValue & Comparable>(_ a: T, _ b: T) -> Bool
}

enum EqualOperation: ComparisonOperation {
    @inline(__always) static func test<T: UnboxedValue & Comparable>(_ a: T, _ b: T) -> Bool { T.sqlEqual(a, b) }
}

enum NotEqualOperation: ComparisonOperation {
    @inline(__always) static func test<T: UnboxedValue & Comparable>(_ a: T, _ b: T) -> Bool { T.sqlNotEqual(a, b) }
}

enum LessOperation: ComparisonOperation {
    @inline(__always) static func test<T: UnboxedValue & Comparable>(_ a: T, _ b: T) -> Bool { a < b }
}

enum LessOrEqualOperation: ComparisonOperation {
    @inline(__always) static func test<T: UnboxedValue & Comparable>(_ a: T, _ b: T) -> Bool { a <= b }
}

enum GreaterOperation: ComparisonOperation {
    @inline(__always) static func test<T: UnboxedValue & Comparable>(_ a: T, _ b: T) -> Bool { a > b }
}

enum GreaterOrEqualOperation: ComparisonOperation {
    @inline(__always) static func test<T: UnboxedValue & Comparable>(_ a: T, _ b: T) -> Bool { a >= b }
}

enum Specialized {
    /// `l op r` on unboxed numbers; NULL in, NULL out.
    static func arithmetic<T: UnboxedNumber>(
        _ op: ArithmeticOperator, _ l: Operand<T>, _ r: Operand<T>
    ) -> RawCode {
        switch op {
        case .add: arithmetic(l, r, AddOperation.self)
        case .subtract: arithmetic(l, r, SubtractOperation.self)
        case .multiply: arithmetic(l, r, MultiplyOperation.self)
        case .divide: arithmetic(l, r, DivideOperation.self)
        case .modulo: arithmetic(l, r, RemainderOperation.self)
        }
    }

    static func arithmetic<T: UnboxedNumber, Op: ArithmeticOperation>(
        _ l: Operand<T>, _ r: Operand<T>, _: Op.Type
    ) -> RawCode {
        switch (l, r) {
        case (.column(let index), .constant(let k?)):
            return { row, _ throws(RecordError) in
                guard let a = T.unbox(row[index]) else { return nil }
                return try Op.apply(a, k).bits
            }
        case (.column(let i), .column(let j)):
            return { row, _ throws(RecordError) in
                guard let a = T.unbox(row[i]), let b = T.unbox(row[j]) else { return nil }
                return try Op.apply(a, b).bits
            }
        case (.code(let left), .constant(let k?)):
            return { row, context throws(RecordError) in
                guard let a = try left(row, context) else { return nil }
                return try Op.apply(T(bits: a), k).bits
            }
        default:
            let left = l.code
            let right = r.code
            return { row, context throws(RecordError) in
                guard let a = try left(row, context), let b = try right(row, context) else { return nil }
                return try Op.apply(T(bits: a), T(bits: b)).bits
            }
        }
    }

    /// `l op r` on unboxed values; NULL on either side is false, as in ksqlDB.
    static func comparison<T: UnboxedValue & Comparable>(
        _ op: ComparisonOperator, _ l: Operand<T>, _ r: Operand<T>
    ) -> BoolCode {
        switch op {
        case .equal: comparison(l, r, EqualOperation.self)
        case .notEqual: comparison(l, r, NotEqualOperation.self)
        case .less: comparison(l, r, LessOperation.self)
        case .lessOrEqual: comparison(l, r, LessOrEqualOperation.self)
        case .greater: comparison(l, r, GreaterOperation.self)
        case .greaterOrEqual: comparison(l, r, GreaterOrEqualOperation.self)
        }
    }

    static func comparison<T: UnboxedValue & Comparable, Op: ComparisonOperation>(
        _ l: Operand<T>, _ r: Operand<T>, _: Op.Type
    ) -> BoolCode {
        switch (l, r) {
        case (.column(let index), .constant(let k?)):
            return { row, _ in
                guard let a = T.unbox(row[index]) else { return false }
                return Op.test(a, k)
            }
        case (.constant(let k?), .column(let index)):
            return { row, _ in
                guard let b = T.unbox(row[index]) else { return false }
                return Op.test(k, b)
            }
        case (.column(let i), .column(let j)):
            return { row, _ in
                guard let a = T.unbox(row[i]), let b = T.unbox(row[j]) else { return false }
                return Op.test(a, b)
            }
        case (.code(let left), .constant(let k?)):
            return { row, context throws(RecordError) in
                guard let a = try left(row, context) else { return false }
                return Op.test(T(bits: a), k)
            }
        default:
            let left = l.code
            let right = r.code
            return { row, context throws(RecordError) in
                guard let a = try left(row, context), let b = try right(row, context) else { return false }
                return Op.test(T(bits: a), T(bits: b))
            }
        }
    }
}
