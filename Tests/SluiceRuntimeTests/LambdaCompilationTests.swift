import SluiceCore
import SluiceFunctions
import SluicePlan
import SluiceRuntime
import Testing

@Suite struct LambdaCompilationTests {
    func parameter(_ index: Int, _ type: SQLType) -> PlanExpr { .lambdaParameter(index: index, type: type) }
    func plus(_ left: PlanExpr, _ right: PlanExpr, _ type: SQLType = .integer) -> PlanExpr {
        .arithmetic(op: .add, left: left, right: right, type: type)
    }
    func ints(_ values: Int32?...) -> Value { .array(values.map { $0.map(Value.integer) ?? .null }) }
    func map(_ entries: [(String, Value)]) -> Value { .map(MapValue(entries.map { (Value.string($0.0), $0.1) })) }

    /// `TRANSFORM(col0, x => x + 5)`.
    var addFive: PlanExpr {
        .call(
            function: "TRANSFORM",
            arguments: [
                col(0, .array(.integer)),
                .lambda(firstParameter: 0, parameterTypes: [.integer], body: plus(parameter(0, .integer), integer(5))),
            ],
            type: .array(.integer))
    }

    @Test func transformAnArray() throws {
        #expect(try value(addFive, [ints(1, nil, 3)]) == ints(6, nil, 8))
        #expect(try value(addFive, [ints()]) == ints())
        #expect(try value(addFive, [.null]) == .null)
    }

    @Test func transformAMapWithTwoLambdas() throws {
        let type = SQLType.map(key: .string, value: .integer)
        let expression = PlanExpr.call(
            function: "TRANSFORM",
            arguments: [
                col(0, type),
                .lambda(
                    firstParameter: 0, parameterTypes: [.string, .integer],
                    body: .concat(left: parameter(0, .string), right: text("_test"))),
                .lambda(
                    firstParameter: 2, parameterTypes: [.string, .integer],
                    body: plus(parameter(3, .integer), integer(1))),
            ],
            type: type)
        #expect(
            try value(expression, [map([("a", .integer(1)), ("b", .integer(2))])])
                == map([("a_test", .integer(2)), ("b_test", .integer(3))]))
        // A NULL value in the result fails the call, as Java's Collectors.toMap does.
        #expect(recordError(expression, [map([("a", .null)])]) == "Map values can't be NULL")
    }

    @Test func filterArraysAndMaps() throws {
        let greater = PlanExpr.call(
            function: "FILTER",
            arguments: [
                col(0, .array(.integer)),
                .lambda(
                    firstParameter: 0, parameterTypes: [.integer],
                    body: .comparison(op: .greater, left: parameter(0, .integer), right: integer(5))),
            ],
            type: .array(.integer))
        #expect(try value(greater, [ints(3, 6, 2, 10)]) == ints(6, 10))
        // A comparison with NULL is FALSE in ksqlDB, so NULL elements are dropped.
        #expect(try value(greater, [ints(5, nil)]) == ints())
        let type = SQLType.map(key: .string, value: .integer)
        let byValue = PlanExpr.call(
            function: "FILTER",
            arguments: [
                col(0, type),
                .lambda(
                    firstParameter: 0, parameterTypes: [.string, .integer],
                    body: .comparison(op: .less, left: parameter(1, .integer), right: integer(2))),
            ],
            type: type)
        #expect(try value(byValue, [map([("a", .integer(1)), ("b", .integer(2))])]) == map([("a", .integer(1))]))
    }

    @Test func reduceFoldsFromTheInitialState() throws {
        let sum = PlanExpr.call(
            function: "REDUCE",
            arguments: [
                col(0, .array(.integer)), col(1, .integer),
                .lambda(
                    firstParameter: 0, parameterTypes: [.integer, .integer],
                    body: plus(parameter(0, .integer), parameter(1, .integer))),
            ],
            type: .integer)
        #expect(try value(sum, [ints(3, 6), .integer(2)]) == .integer(11))
        #expect(try value(sum, [ints(5, nil), .integer(2)]) == .null)
        #expect(try value(sum, [.null, .integer(2)]) == .integer(2))
        #expect(try value(sum, [ints(1), .null]) == .null)
    }

    @Test func nestedLambdasSeeOuterParameters() throws {
        // TRANSFORM(col0, x => REDUCE(col1, x, (s, y) => s + y)): each element plus the sum of col1.
        let inner = PlanExpr.call(
            function: "REDUCE",
            arguments: [
                col(1, .array(.integer)), parameter(0, .integer),
                .lambda(
                    firstParameter: 1, parameterTypes: [.integer, .integer],
                    body: plus(parameter(1, .integer), parameter(2, .integer))),
            ],
            type: .integer)
        let outer = PlanExpr.call(
            function: "TRANSFORM",
            arguments: [col(0, .array(.integer)), .lambda(firstParameter: 0, parameterTypes: [.integer], body: inner)],
            type: .array(.integer))
        #expect(try value(outer, [ints(1, 10), ints(100, 200)]) == ints(301, 310))
    }

    @Test func registryTypesLambdaParameters() throws {
        let registry = FunctionRegistry.standard
        #expect(
            try registry.lambdaParameterTypes(
                "TRANSFORM", arguments: [.value(.array(.double)), nil], lambdaAt: 1, arity: 1)
                == [.double])
        let map = SQLType.map(key: .string, value: .bigint)
        #expect(
            try registry.lambdaParameterTypes(
                "REDUCE", arguments: [.value(map), .value(.integer), nil], lambdaAt: 2, arity: 3)
                == [.integer, .string, .bigint])
        #expect(
            try registry.lambdaParameterTypes(
                "TRANSFORM", arguments: [.value(map), .lambda(parameters: [.string, .bigint], result: .string), nil],
                lambdaAt: 2, arity: 2)
                == [.string, .bigint])
        let resolved = try registry.resolve(
            "TRANSFORM", arguments: [.value(.array(.double)), .lambda(parameters: [.double], result: .string)])
        #expect(resolved.returnType == .array(.string))
        #expect(resolved.argumentTypes == [.array(.double), .string])
    }

    @Test func registryRejectsMismatchedLambdas() throws {
        let registry = FunctionRegistry.standard
        // The body's BIGINT would widen the state S, which the lambda's first parameter was typed as.
        #expect(throws: SQLTypeError.self) {
            try registry.resolve(
                "REDUCE",
                arguments: [
                    .value(.array(.bigint)), .value(.integer),
                    .lambda(parameters: [.integer, .bigint], result: .bigint),
                ])
        }
        #expect(throws: SQLTypeError.self) {
            try registry.resolve(
                "FILTER", arguments: [.value(.array(.integer)), .lambda(parameters: [.integer], result: .integer)])
        }
        #expect(throws: SQLTypeError.self) {
            try registry.lambdaParameterTypes(
                "REDUCE", arguments: [.value(.array(.integer)), .value(nil), nil], lambdaAt: 2, arity: 2)
        }
        #expect(throws: SQLTypeError.self) {
            try registry.lambdaParameterTypes(
                "TRANSFORM", arguments: [.value(.array(.integer)), nil], lambdaAt: 1, arity: 2)
        }
    }
}
