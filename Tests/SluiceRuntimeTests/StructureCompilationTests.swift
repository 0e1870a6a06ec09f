import SluiceCore
import SluiceFunctions
import SluicePlan
import SluiceRuntime
import Testing

@Suite struct CastCompilationTests {
    @Test func numericCastsRunUnboxed() throws {
        #expect(
            try value(.cast(operand: col(0, .bigint), type: .integer), [.bigint(2_147_483_648)])
                == .integer(-2_147_483_648))
        #expect(try value(.cast(operand: col(0, .double), type: .bigint), [.double(-7.9)]) == .bigint(-7))
        #expect(try value(.cast(operand: col(0, .integer), type: .double), [.integer(3)]) == .double(3))
        #expect(
            try value(.cast(operand: col(0, .integer), type: .decimal(precision: 2, scale: 1)), [.integer(1)])
                == decimal("1.0"))
    }

    @Test func failingCastsBecomeNullAndAreRecorded() throws {
        let overflow = try evaluate(
            .cast(operand: col(0, .integer), type: .decimal(precision: 2, scale: 1)), [.integer(10)])
        #expect(overflow.value == .null)
        #expect(overflow.suppressed.count == 1)
        let parse = try evaluate(.cast(operand: col(0, .string), type: .integer), [.string("abc")])
        #expect(parse.value == .null)
        #expect(parse.suppressed.map(\.message) == ["For input string: \"abc\""])
        let divide = PlanExpr.arithmetic(op: .divide, left: col(0, .bigint), right: bigint(0), type: .bigint)
        let wrapped = try evaluate(.cast(operand: divide, type: .double), [.bigint(1)])
        #expect(wrapped.value == .null)
        #expect(wrapped.suppressed.map(\.message) == ["/ by zero"])
    }

    @Test func literalCastsHappenOnce() throws {
        #expect(
            try value(.cast(operand: text("2022-04-28T21:44:47.943Z"), type: .timestamp))
                == .timestamp(1_651_182_287_943))
        let bad = try evaluate(.cast(operand: text("not a date"), type: .date))
        #expect(bad.value == .null)
        #expect(bad.suppressed.count == 1)
    }

    @Test func structuredCasts() throws {
        let cast = PlanExpr.cast(operand: col(0, .array(.integer)), type: .string)
        #expect(try value(cast, [.array([.integer(1), .integer(3)])]) == .string("[1, 3]"))
        #expect(throws: SQLTypeError.self) {
            try ExpressionCompiler.compile(.cast(operand: col(0, .string), type: .array(.integer)))
        }
    }
}

@Suite struct CallCompilationTests {
    @Test func callsResolveAndRun() throws {
        let substring = PlanExpr.call(
            function: "substring", arguments: [col(0, .string), integer(2), integer(5)], type: .string)
        #expect(try value(substring, [.string("long enough")]) == .string("ong e"))
        let upper = PlanExpr.call(function: "UCASE", arguments: [col(0, .string)], type: .string)
        #expect(try value(upper, [.null]) == .null)
        #expect(try value(.concat(left: col(0, .string), right: text("!")), [.string("hi")]) == .string("hi!"))
        #expect(try value(.concat(left: col(0, .string), right: text("!")), [.null]) == .string("!"))
        guard case .double = try value(.call(function: "RANDOM", arguments: [], type: .double)) else {
            Issue.record("RANDOM gave no double")
            return
        }
    }

    @Test func variadicCallsUseContextSlots() throws {
        let inner = PlanExpr.call(function: "GREATEST", arguments: [col(0, .bigint), bigint(3)], type: .bigint)
        let outer = PlanExpr.call(function: "LEAST", arguments: [inner, col(1, .bigint), bigint(100)], type: .bigint)
        let compiled = try ExpressionCompiler.compile(outer)
        #expect(compiled.slotCount == 5)
        #expect(try value(outer, [.bigint(1), .bigint(50)]) == .bigint(3))
        #expect(try value(outer, [.bigint(70), .null]) == .bigint(70))
        let coalesce = PlanExpr.call(
            function: "COALESCE", arguments: [col(0, .bigint), col(1, .bigint), bigint(9)], type: .bigint)
        #expect(try value(coalesce, [.null, .null]) == .bigint(9))
    }

    @Test func failingNestedCallsBecomeNullArguments() throws {
        // IFNULL(CAST(PARSE(x)), 'default') in ksqlDB: the inner failure turns into NULL.
        let concatOfOne = PlanExpr.call(function: "CONCAT", arguments: [col(0, .string)], type: .string)
        let ifnull = PlanExpr.call(function: "IFNULL", arguments: [concatOfOne, text("1900-01-01")], type: .string)
        let result = try evaluate(ifnull, [.string("abcd")])
        #expect(result.value == .string("1900-01-01"))
        #expect(result.suppressed.map(\.message) == ["Concat should have at least two input arguments."])
        #expect(recordError(concatOfOne, [.string("abcd")]) == "Concat should have at least two input arguments.")
    }

    @Test func unknownFunctionsDoNotCompile() {
        #expect(throws: SQLTypeError.self) {
            try ExpressionCompiler.compile(.call(function: "NOPE", arguments: [], type: .string))
        }
    }
}

@Suite struct StructureCompilationTests {
    let person = SQLType.struct([.init("NAME", .string), .init("AGE", .integer)])

    @Test func fieldsAndElements() throws {
        let row: [Value] = [
            .struct([.string("George"), .integer(40)]), .array([.integer(10), .integer(20)]),
            .map(MapValue([(.string("k"), .integer(1))])), .null,
        ]
        #expect(try value(.field(operand: col(0, person), index: 0, type: .string), row) == .string("George"))
        #expect(try value(.field(operand: col(3, person), index: 0, type: .string), row) == .null)
        #expect(
            try value(.element(operand: col(1, .array(.integer)), index: integer(1), type: .integer), row)
                == .integer(10))
        #expect(
            try value(.element(operand: col(1, .array(.integer)), index: integer(-1), type: .integer), row)
                == .integer(20))
        #expect(try value(.element(operand: col(1, .array(.integer)), index: integer(3), type: .integer), row) == .null)
        #expect(try value(.element(operand: col(3, .array(.integer)), index: integer(1), type: .integer), row) == .null)
        let map = col(2, .map(key: .string, value: .integer))
        #expect(try value(.element(operand: map, index: text("k"), type: .integer), row) == .integer(1))
        #expect(try value(.element(operand: map, index: text("missing"), type: .integer), row) == .null)
    }

    @Test func constructors() throws {
        let array = PlanExpr.makeArray(elements: [col(0, .bigint), bigint(2)], type: .array(.bigint))
        #expect(try value(array, [.bigint(1)]) == .array([.bigint(1), .bigint(2)]))
        let map = PlanExpr.makeMap(
            keys: [text("a"), text("b")], values: [bigint(1), col(0, .bigint)], type: .map(key: .string, value: .bigint)
        )
        #expect(try value(map, [.null]) == .map(MapValue([(.string("a"), .bigint(1)), (.string("b"), .null)])))
        let failing = PlanExpr.cast(operand: col(0, .string), type: .integer)
        let structure = PlanExpr.makeStruct(
            fields: [col(0, .string), failing], type: .struct([.init("S", .string), .init("I", .integer)]))
        let result = try evaluate(structure, [.string("x")])
        #expect(result.value == .struct([.string("x"), .null]))
        #expect(result.suppressed.count == 1)
    }

    @Test func searchedCase() throws {
        let units = col(0, .double)
        let expression = PlanExpr.searchedCase(
            whens: [
                .init(
                    condition: .comparison(op: .less, left: units, right: lit(.double(2), .double)),
                    result: text("small")),
                .init(
                    condition: .comparison(op: .less, left: units, right: lit(.double(4), .double)),
                    result: text("medium")),
            ],
            elseResult: text("large"), type: .string)
        #expect(try value(expression, [.double(6)]) == .string("large"))
        #expect(try value(expression, [.double(3)]) == .string("medium"))
        #expect(try value(expression, [.double(1)]) == .string("small"))
        #expect(try value(expression, [.null]) == .string("large"))
        let noElse = PlanExpr.searchedCase(
            whens: [.init(condition: col(1, .boolean), result: bigint(1))], elseResult: nil, type: .bigint)
        #expect(try value(noElse, [.null, .null]) == .null)
        #expect(try value(noElse, [.null, .boolean(true)]) == .bigint(1))
    }

    @Test func lambdaParametersReadContextSlots() throws {
        let body = PlanExpr.arithmetic(
            op: .add, left: .lambdaParameter(index: 1, type: .bigint), right: bigint(1), type: .bigint)
        let compiled = try ExpressionCompiler.compile(body)
        #expect(compiled.slotCount == 2)
        let context = EvaluationContext(for: [compiled])
        context.setLambdaParameter(1, to: .bigint(41))
        let result = try [Value]().withUnsafeBufferPointer { row throws(RecordError) in
            try compiled.evaluate(row, in: context)
        }
        #expect(result == .bigint(42))
        #expect(throws: SQLTypeError.self) {
            try ExpressionCompiler.compile(.lambda(firstParameter: 0, parameterTypes: [.bigint], body: body))
        }
    }
}
