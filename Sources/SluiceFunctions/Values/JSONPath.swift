import SluiceFormats

/// A JSONPath of the simple form EXTRACTJSONFIELD accepts: `$`, then `.name`, `["name"]`,
/// `['name']` or `[index]` steps (`$.log.cloud`, `$.items[0]["full name"]`).
package struct JSONPath: Sendable, Equatable {
    /// The steps after `$`: member names or array indexes, as text.
    package let steps: [String]

    /// Parses a path.
    ///
    /// - Throws: `RecordError` (`Invalid JSON path: '...'`) for text of another shape.
    package init(_ path: String) throws(RecordError) {
        var scalars = Array(path.unicodeScalars)[...]
        func skipSpaces() { while scalars.first?.properties.isWhitespace == true { scalars.removeFirst() } }
        let invalid = RecordError("Invalid JSON path: '\(path)'")
        skipSpaces()
        guard scalars.first == "$" else { throw invalid }
        scalars.removeFirst()
        var steps: [String] = []
        while true {
            skipSpaces()
            guard let first = scalars.first else { break }
            scalars.removeFirst()
            if first == "." {
                skipSpaces()
                let name = scalars.prefix { !JSONPath.endsName($0) }
                guard !name.isEmpty else { throw invalid }
                scalars.removeFirst(name.count)
                steps.append(String(String.UnicodeScalarView(name)))
            } else if first == "[" {
                skipSpaces()
                if let quote = scalars.first, quote == "\"" || quote == "'" {
                    scalars.removeFirst()
                    var name = String.UnicodeScalarView()
                    while let scalar = scalars.first, scalar != quote {
                        scalars.removeFirst()
                        if scalar == "\\", let escaped = scalars.first {
                            scalars.removeFirst()
                            name.append(escaped)
                        } else {
                            name.append(scalar)
                        }
                    }
                    guard scalars.first == quote else { throw invalid }
                    scalars.removeFirst()
                    steps.append(String(name))
                } else {
                    let name = scalars.prefix { !JSONPath.endsName($0) }
                    guard !name.isEmpty else { throw invalid }
                    scalars.removeFirst(name.count)
                    steps.append(String(String.UnicodeScalarView(name)))
                }
                skipSpaces()
                guard scalars.first == "]" else { throw invalid }
                scalars.removeFirst()
            } else {
                throw invalid
            }
        }
        self.steps = steps
    }

    static func endsName(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "." || scalar == "[" || scalar == "]" || scalar == "\"" || scalar == "'"
            || scalar.properties.isWhitespace
    }

    /// The node the path leads to in `document`, or `nil` when a step is missing. A step into an
    /// array must be an index (Java's `Integer.parseInt`); a step into anything else is a member name.
    package func select(in document: JSONValue) -> JSONValue? {
        var node = document
        for step in steps {
            switch node {
            case .array(let elements):
                guard let index = Int32(step), index >= 0, Int(index) < elements.count else { return nil }
                node = elements[Int(index)]
            case .object(let object):
                guard let member = object[step] else { return nil }
                node = member
            default:
                return nil
            }
        }
        return node
    }
}
