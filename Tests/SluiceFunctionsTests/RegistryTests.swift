import SluiceCore
import Testing

@testable import SluiceFunctions

@Suite struct RegistryTests {
    let registry = FunctionRegistry.standard

    @Test func lookupIgnoresCaseAndListsFunctionsSorted() throws {
        #expect(registry.function(named: "substring")?.name == "SUBSTRING")
        #expect(registry.function(named: "SubString")?.category == .string)
        #expect(registry.function(named: "nope") == nil)
        let names = registry.functions.map(\.name)
        #expect(names == names.sorted())
        #expect(Set(["ABS", "CONCAT", "COALESCE", "GREATEST", "ROUND", "UCASE"]).isSubset(of: Set(names)))
        #expect(registry.function(named: "coalesce")?.category == .conditional)
    }

    @Test func exactMatchWins() throws {
        let call = try registry.resolve("ROUND", argumentTypes: [.integer])
        #expect(call.returnType == .bigint)
        #expect(call.argumentTypes == [.integer])
        let places = try registry.resolve("ROUND", argumentTypes: [.double, .integer])
        #expect(places.returnType == .double)
    }

    @Test func implicitCastsWidenWhenNothingMatchesExactly() throws {
        let call = try registry.resolve("EXP", argumentTypes: [.decimal(precision: 3, scale: 1)])
        #expect(call.argumentTypes == [.double])
        let substring = try registry.resolve("SUBSTRING", argumentTypes: [.string, .integer])
        #expect(substring.returnType == .string)
        let greatest = try registry.resolve(
            "GREATEST", argumentTypes: [.integer, .bigint, .decimal(precision: 30, scale: 18), .double, nil])
        #expect(greatest.returnType == .double)
        #expect(greatest.argumentTypes == [.double, .double, .double, .double, .double])
    }

    @Test func decimalArgumentsKeepTheirTypes() throws {
        let call = try registry.resolve(
            "GREATEST", argumentTypes: [.decimal(precision: 9, scale: 2), .decimal(precision: 7, scale: 6)])
        #expect(call.returnType == .decimal(precision: 13, scale: 6))
        #expect(call.argumentTypes == [.decimal(precision: 9, scale: 2), .decimal(precision: 7, scale: 6)])
        let round = try registry.resolve("ROUND", argumentTypes: [.decimal(precision: 33, scale: 16)])
        #expect(round.returnType == .decimal(precision: 17, scale: 0))
        let abs = try registry.resolve("ABS", argumentTypes: [.decimal(precision: 2, scale: 1)])
        #expect(abs.returnType == .decimal(precision: 2, scale: 1))
    }

    @Test func tiesAreAmbiguous() {
        let message = errorMessage { _ = try registry.resolve("GREATEST", argumentTypes: [.integer, .bigint]) }
        #expect(
            message?.hasPrefix(
                "Function 'greatest' cannot be resolved due to ambiguous method parameters (INTEGER, BIGINT).") == true)
        let nulls = errorMessage { _ = try registry.resolve("LEAST", argumentTypes: [nil, nil, nil, nil]) }
        #expect(
            nulls?.hasPrefix(
                "Function 'least' cannot be resolved due to ambiguous method parameters (null, null, null, null).")
                == true)
    }

    @Test func rejectionsListTheAlternatives() {
        let message = errorMessage { _ = try registry.resolve("GREATEST", argumentTypes: [.string, .integer]) }
        #expect(
            message?.hasPrefix(
                "Function 'greatest' does not accept parameters (STRING, INTEGER).\nValid alternatives are:\n") == true)
        #expect(message?.contains("greatest(INT value, INT... values)") == true)
        #expect(
            errorMessage { _ = try registry.resolve("GREATEST", argumentTypes: []) }?
                .hasPrefix("Function 'greatest' does not accept parameters ().") == true)
        #expect(
            errorMessage { _ = try registry.resolve("COALESCE", argumentTypes: []) }?
                .hasPrefix("Function 'COALESCE' does not accept parameters ()") == true)
        #expect(
            errorMessage { _ = try registry.resolve("FOO", argumentTypes: []) }
                == "Can't find any functions with the name 'FOO'")
    }

    @Test func typeVariablesBindAndWiden() throws {
        let exact = try registry.resolve("COALESCE", argumentTypes: [.integer, nil, .integer])
        #expect(exact.returnType == .integer)
        #expect(exact.argumentTypes == [.integer, .integer, .integer])
        let widened = try registry.resolve("COALESCE", argumentTypes: [.integer, .bigint])
        #expect(widened.returnType == .bigint)
        #expect(widened.argumentTypes == [.bigint, .bigint])
        let arrays = try registry.resolve("IFNULL", argumentTypes: [.array(.integer), .array(.integer)])
        #expect(arrays.returnType == .array(.integer))
        #expect(errorMessage { _ = try registry.resolve("IFNULL", argumentTypes: [.string, .integer]) } != nil)
        #expect(
            errorMessage { _ = try registry.resolve("COALESCE", argumentTypes: [nil]) }?.hasPrefix(
                "Can't infer a type of null") == true)
    }

    @Test func registriesExtend() throws {
        let double = ScalarFunction(
            "TWICE", category: .other, description: "Doubles a BIGINT.",
            overloads: [
                FunctionOverload(
                    [FunctionParameter("x", .bigint)], returns: .fixed(.bigint),
                    kernel: .unary { value in
                        value.int64Value.map { .bigint($0 * 2) } ?? .null
                    })
            ])
        let extended = registry.adding([double])
        #expect(extended.function(named: "twice") != nil)
        #expect(extended.functions.count == registry.functions.count + 1)
        #expect(try extended.resolve("twice", argumentTypes: [.integer]).argumentTypes == [.bigint])
    }

    @Test func signaturesDescribeOverloads() throws {
        let substring = try #require(registry.function(named: "SUBSTRING"))
        let signatures = substring.overloads.map { $0.signature(name: substring.name) }
        #expect(signatures.contains("SUBSTRING(VARCHAR input, INT position, INT length)"))
        #expect(substring.overloads.allSatisfy { !$0.returnType.text.isEmpty })
        #expect(registry.functions.allSatisfy { !$0.description.isEmpty })
    }
}
