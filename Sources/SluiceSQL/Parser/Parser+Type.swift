import SluiceCore

extension Parser {
    /// Parses `type` (Grammar/sluice.ebnf): `ARRAY<T>`, `MAP<K, V>`, `STRUCT<name T, ...>`,
    /// `DECIMAL(p, s)`, a primitive name (`INT`, `VARCHAR`, ...) or a custom type's name.
    mutating func parseType() throws(Diagnostic) -> TypeSyntax {
        try enter()
        defer { leave() }
        let token = current
        let start = Int(token.sourceStart)
        // `STRUCT<>` lexes as STRUCT and `<>` (not-equal); it is the empty struct type.
        if token.isKeyword(.struct), peek().kind == .notEqual, tokenText(peek()) == "<>" {
            advance()
            advance()
            return TypeSyntax(.struct([]), range: range(from: start))
        }
        if token.kind == .keyword, peek().kind == .less {
            switch token.keyword {
            case .array?:
                advance()
                advance()
                let element = try parseType()
                try closeAngle("ARRAY<...>")
                return TypeSyntax(.array(element), range: range(from: start))
            case .map?:
                advance()
                advance()
                let key = try parseType()
                try expect(.comma, "',' between the key and value types of MAP<...>")
                let value = try parseType()
                try closeAngle("MAP<...>")
                return TypeSyntax(.map(key: key, value: value), range: range(from: start))
            case .struct?:
                advance()
                advance()
                var fields: [TypeSyntax.StructField] = []
                if !at(.greater) {
                    repeat {
                        let fieldStart = Int(current.sourceStart)
                        let name = try parseIdentifier("struct field name")
                        let type = try parseType()
                        fields.append(TypeSyntax.StructField(name: name, type: type, range: range(from: fieldStart)))
                    } while consume(.comma) != nil
                }
                try closeAngle("STRUCT<...>")
                return TypeSyntax(.struct(fields), range: range(from: start))
            default:
                break
            }
        }
        if token.isKeyword(.decimal) {
            advance()
            try expect(.leftParen, "'(' after DECIMAL")
            let precision = try parseInteger("DECIMAL precision")
            try expect(.comma, "',' between DECIMAL precision and scale")
            let scale = try parseInteger("DECIMAL scale")
            try expect(.rightParen, "')' to close DECIMAL(...)")
            guard let p = Int(exactly: precision), let s = Int(exactly: scale) else {
                throw expected("DECIMAL precision and scale that fit in an Int", found: token)
            }
            return TypeSyntax(.decimal(precision: p, scale: s), range: range(from: start))
        }
        guard token.canBeIdentifier else { throw expected("type", found: token) }
        let name = try parseIdentifier("type")
        if !name.isVariableReference, let primitive = TypeSyntax.primitive(named: name.value) {
            if primitive == .string, at(.leftParen) { try skipStringTypeParameters() }
            return TypeSyntax(primitive, range: range(from: start))
        }
        return TypeSyntax(.custom(name), range: range(from: start))
    }

    /// Parses and drops `type_parameters` (Grammar/sluice.ebnf) after VARCHAR or STRING: ksqlDB
    /// still accepts the legacy `VARCHAR(STRING)`, which means STRING.
    private mutating func skipStringTypeParameters() throws(Diagnostic) {
        advance()
        repeat {
            guard current.kind == .integer || current.isKeyword(.string) else {
                throw expected("STRING or an integer as a type parameter", found: current)
            }
            advance()
        } while consume(.comma) != nil
        try expect(.rightParen, "',' or ')' to close the type parameters")
    }

    private mutating func closeAngle(_ construct: String) throws(Diagnostic) {
        guard at(.greater) else {
            throw expected(
                construct.hasPrefix("STRUCT") ? "',' or '>' to close \(construct)" : "'>' to close \(construct)",
                found: current
            )
        }
        advance()
    }
}
