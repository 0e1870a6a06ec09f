import SluiceCore

/// A value as a key of a Java `HashSet`: equal when `ValueOrdering.javaEquals` says so (maps
/// ignore entry order, doubles compare by bits, decimals with their scale), with a hash that
/// agrees. The array set functions use it to deduplicate as ksqlDB's `LinkedHashSet`s do.
package struct JavaValueKey: Hashable {
    package let value: Value

    package init(_ value: Value) {
        self.value = value
    }

    package static func == (a: JavaValueKey, b: JavaValueKey) -> Bool {
        ValueOrdering.javaEquals(a.value, b.value)
    }

    package func hash(into hasher: inout Hasher) {
        JavaValueKey.combine(value, into: &hasher)
    }

    static func combine(_ value: Value, into hasher: inout Hasher) {
        switch value {
        case .array(let elements):
            hasher.combine(1 as UInt8)
            hasher.combine(elements.count)
            for element in elements { combine(element, into: &hasher) }
        case .struct(let fields):
            hasher.combine(2 as UInt8)
            for field in fields { combine(field, into: &hasher) }
        case .map(let map):
            // Entry order must not matter, so entry hashes are summed, as `AbstractMap.hashCode` does.
            var sum = 0
            for (key, entry) in map.entries {
                var inner = Hasher()
                combine(key, into: &inner)
                combine(entry, into: &inner)
                sum = sum &+ inner.finalize()
            }
            hasher.combine(3 as UInt8)
            hasher.combine(sum)
        default:
            hasher.combine(value)
        }
    }
}

extension Array where Element == Value {
    /// The elements without duplicates (by Java equality), first occurrences in order.
    package func javaDistinct() -> [Value] {
        var seen = Set<JavaValueKey>()
        seen.reserveCapacity(count)
        return filter { seen.insert(JavaValueKey($0)).inserted }
    }
}
