/// A word the lexer recognizes as a keyword, whatever its case (`select`, `Select`, `SELECT`).
///
/// The set is ksqlDB's (`SqlBase.g4`), plus `PAUSE` and `RESUME`. A keyword is *reserved* unless
/// ksqlDB's `nonReserved` rule lists it: a non-reserved keyword also serves as an identifier, so
/// `SELECT key, type FROM t` works, while a column named `size` must be quoted (`` `size` ``).
public enum Keyword: UInt8, CaseIterable, Sendable {
    case add, advance, all, alter, analyze, and, array, `as`, assert, at
    case beginning, between, by
    case `case`, cast, catalog, changes, column, columns, connector, connectors, create
    case date, day, days, decimal, define, delete, describe, distinct, drop
    case `else`, emit, end, escape, exists, explain, export, extended
    case `false`, final, from, full, function, functions
    case grace, group
    case having, header, headers, hopping, hour, hours
    case id, `if`, `in`, inner, insert, integer, interval, into, `is`
    case join
    case key
    case left, like, limit, list, load
    case map, materialized, millisecond, milliseconds, minute, minutes, month, months
    case namespace, not, null
    case on, or, outer
    case partition, partitions, pause, period, plugins, primary, print, properties
    case queries, query
    case rename, replace, reset, resume, retention, right, run
    case sample, schema, script, second, seconds, select, session, set, show, sink, size, source
    case stream, streams, string, `struct`, subject, system
    case table, tables, then, time, timeout, timestamp, to, topic, topics, terminate, `true`, tumbling
    case type, types
    case undefine, unset
    case values, variables, view
    case when, `where`, window, with, within
    case year, years
    case zone

    /// The keyword as written in canonical SQL (upper case).
    public var text: String { Keyword.spellings[Int(rawValue)] }

    /// Whether the keyword can never be an identifier (ksqlDB's `nonReserved` rule lists the others).
    public var isReserved: Bool { !Keyword.nonReserved.contains(self) }

    private static let spellings: [String] = allCases.map { String(describing: $0).uppercased() }

    /// ksqlDB's `nonReserved` rule, plus `PAUSE` and `RESUME` (newer statements; kept usable as names).
    static let nonReserved: Set<Keyword> = [
        .show, .tables, .columns, .column, .partitions, .functions, .function, .session,
        .struct, .map, .array, .partition,
        .integer, .date, .time, .timestamp, .interval, .zone, .string,
        .year, .month, .day, .hour, .minute, .second,
        .explain, .analyze, .type, .types,
        .set, .reset,
        .if,
        .source, .sink,
        .primary, .key,
        .emit, .changes, .final, .escape, .replace, .assert, .alter, .add,
        .header, .headers, .grace, .period,
        .define, .undefine, .variables,
        .plugins, .system,
        .timeout, .schema, .subject, .id,
        .pause, .resume,
    ]
}

/// Finds keywords by their letters packed five bits each into a `UInt64`.
///
/// Keywords are 2 to 12 ASCII letters, and `letter & 0x1F` is 1...26 for either case, so the packed
/// value identifies a word case-insensitively without building a `String`.
enum KeywordTable {
    static let slotCount = 1024
    private static let shift: UInt64 = 64 - 10

    /// Slot `i` holds a packed word and `keyword.rawValue + 1`; 0 marks an empty slot.
    static let slots: [(key: UInt64, keyword: UInt8)] = {
        var slots = [(key: UInt64, keyword: UInt8)](repeating: (0, 0), count: slotCount)
        for keyword in Keyword.allCases {
            let key = pack(Array(keyword.text.utf8))
            var index = slot(for: key)
            while slots[index].keyword != 0 { index = (index + 1) & (slotCount - 1) }
            slots[index] = (key, keyword.rawValue + 1)
        }
        return slots
    }()

    static func pack(_ letters: [UInt8]) -> UInt64 {
        letters.reduce(0) { ($0 << 5) | UInt64($1 & 0x1F) }
    }

    @inline(__always)
    static func slot(for key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The keyword spelled by `text`, if any (case-insensitive).
    static func keyword(_ text: String) -> Keyword? {
        let bytes = Array(text.utf8)
        guard (2...12).contains(bytes.count), bytes.allSatisfy({ ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }) else {
            return nil
        }
        return slots.withUnsafeBufferPointer { lookup(pack(bytes), in: $0) }
    }

    @inline(__always)
    static func lookup(_ key: UInt64, in slots: UnsafeBufferPointer<(key: UInt64, keyword: UInt8)>) -> Keyword? {
        var index = slot(for: key)
        while true {
            let entry = slots[index]
            if entry.keyword == 0 { return nil }
            if entry.key == key { return Keyword(rawValue: entry.keyword - 1) }
            index = (index + 1) & (slotCount - 1)
        }
    }
}
