import SluiceCore
import Synchronization

/// Prepared forms (compiled patterns, zones) of argument text that is not a literal, shared by
/// the tasks that run one call site. ksqlDB keeps the same kind of cache (Guava, 1000 entries)
/// in its date and regex functions.
///
/// Failures are cached too, so a bad pattern in every row costs one compilation.
package final class PreparedCache<Prepared: Sendable>: Sendable {
    private let entries = Mutex<[String: Result<Prepared, RecordError>]>([:])
    private let capacity: Int
    private let prepare: @Sendable (String) throws(RecordError) -> Prepared

    /// A cache of at most `capacity` entries; when full it starts over.
    package init(capacity: Int = 1000, _ prepare: @escaping @Sendable (String) throws(RecordError) -> Prepared) {
        self.capacity = capacity
        self.prepare = prepare
    }

    /// The prepared form of `text`, preparing it on first use.
    package func get(_ text: String) throws(RecordError) -> Prepared {
        if let cached = entries.withLock({ $0[text] }) { return try cached.get() }
        let result = Result { () throws(RecordError) in try prepare(text) }
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[text] = result
        }
        return try result.get()
    }
}

/// How a call site gets the prepared form of one text argument: once, when the argument is a
/// literal, or through a cache otherwise.
package enum PreparedArgument<Prepared: Sendable>: Sendable {
    case constant(Result<Prepared, RecordError>)
    case cached(PreparedCache<Prepared>)

    /// Prepares argument `index` of `site` with `prepare`.
    package init(
        _ site: CallSite, _ index: Int, _ prepare: @escaping @Sendable (String) throws(RecordError) -> Prepared
    ) {
        if case .string(let text)? = site.constantArguments[index] {
            self = .constant(Result { () throws(RecordError) in try prepare(text.string) })
        } else {
            self = .cached(PreparedCache(prepare))
        }
    }

    /// The prepared form of the argument's value in this row.
    package func get(_ value: Value) throws(RecordError) -> Prepared {
        switch self {
        case .constant(let result): return try result.get()
        case .cached(let cache): return try cache.get(value.byteStringValue?.string ?? "")
        }
    }
}
