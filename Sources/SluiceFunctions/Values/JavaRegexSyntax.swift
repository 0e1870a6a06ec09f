/// Rewrites the parts of Java's regex syntax that PCRE2 spells differently, so patterns written
/// for ksqlDB (`java.util.regex`) behave the same:
///
/// - `\uXXXX` escapes become `\x{XXXX}`;
/// - POSIX classes `\p{Alpha}`, `\p{Punct}`, ... become `[[:alpha:]]`, `[[:punct:]]` (inside a
///   bracket expression, `[:alpha:]`), and `\P{...}` their negations;
/// - `\p{javaLowerCase}`-style and `\p{IsLatin}`-style names become PCRE2's Unicode properties.
///
/// Everything else (groups, lookaround, possessive quantifiers, `\Q...\E`, named groups) means
/// the same in both.
package enum JavaRegexSyntax {
    static let posixClasses: [String: String] = [
        "Lower": "lower", "Upper": "upper", "ASCII": "ascii", "Alpha": "alpha", "Digit": "digit", "Alnum": "alnum",
        "Punct": "punct", "Graph": "graph", "Print": "print", "Blank": "blank", "Cntrl": "cntrl", "XDigit": "xdigit",
        "Space": "space",
    ]

    static let javaProperties: [String: String] = [
        "javaLowerCase": "Ll", "javaUpperCase": "Lu", "javaTitleCase": "Lt", "javaDigit": "Nd", "javaLetter": "L",
        "javaAlphabetic": "L", "javaSpaceChar": "Zs", "IsAlphabetic": "L", "IsLetter": "L", "IsDigit": "Nd",
        "IsUppercase": "Lu", "IsLowercase": "Ll", "IsWhite_Space": "Xps", "IsPunctuation": "P",
    ]

    /// The PCRE2 spelling of a Java pattern.
    package static func translate(_ pattern: String) -> String {
        let scalars = Array(pattern.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        var classDepth = 0
        var quoted = false
        while index < scalars.count {
            let scalar = scalars[index]
            if quoted {
                if scalar == "\\", index + 1 < scalars.count, scalars[index + 1] == "E" { quoted = false }
                output.append(scalar)
                index += 1
                continue
            }
            if scalar == "\\", index + 1 < scalars.count {
                let next = scalars[index + 1]
                if next == "Q" { quoted = true }
                if next == "u", index + 6 <= scalars.count,
                    scalars[(index + 2)..<(index + 6)].allSatisfy({ $0.properties.isASCIIHexDigit })
                {
                    output.append(contentsOf: "\\x{".unicodeScalars)
                    output.append(contentsOf: scalars[(index + 2)..<(index + 6)])
                    output.append("}")
                    index += 6
                    continue
                }
                if next == "p" || next == "P", index + 2 < scalars.count, scalars[index + 2] == "{",
                    let close = scalars[(index + 3)...].firstIndex(of: "}")
                {
                    let name = String(String.UnicodeScalarView(scalars[(index + 3)..<close]))
                    if let replacement = property(name, negated: next == "P", inClass: classDepth > 0) {
                        output.append(contentsOf: replacement.unicodeScalars)
                        index = close + 1
                        continue
                    }
                }
                output.append(scalar)
                output.append(next)
                index += 2
                continue
            }
            if scalar == "[" {
                classDepth += 1
            } else if scalar == "]", classDepth > 0 {
                classDepth -= 1
            }
            output.append(scalar)
            index += 1
        }
        return String(output)
    }

    /// PCRE2 text for `\p{name}` (or `\P{name}`), or `nil` to keep it as written.
    static func property(_ name: String, negated: Bool, inClass: Bool) -> String? {
        if let posix = posixClasses[name] {
            let item = negated ? "[:^\(posix):]" : "[:\(posix):]"
            return inClass ? item : "[\(item)]"
        }
        let letter = negated ? "P" : "p"
        if let property = javaProperties[name] { return "\\\(letter){\(property)}" }
        if name.hasPrefix("Is"), name.count > 2 { return "\\\(letter){\(name.dropFirst(2))}" }
        return nil
    }
}
