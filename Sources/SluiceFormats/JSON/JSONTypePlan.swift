#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SluiceCore

/// What the JSON decoder and encoder do for one SQL type, worked out once per schema.
///
/// A plan is plain data, so reading one in the hot loop costs no reference counting: nested
/// types point to objects without owning them. Whoever builds a plan keeps the objects alive
/// (the `owners` of `init(_:owners:)`; a field table owns those of its fields).
enum JSONTypePlan {
    case boolean, integer, bigint, double, string, bytes, date, time, timestamp
    case decimal(precision: Int, scale: Int)
    case array(Unmanaged<JSONNestedPlan>)
    case map(Unmanaged<JSONNestedPlan>)
    case structure(Unmanaged<JSONFieldTable>)

    /// The plan for `type`; objects it points to are appended to `owners`, which must outlive it.
    init(_ type: SQLType, owners: inout [AnyObject]) {
        switch type {
        case .boolean: self = .boolean
        case .integer: self = .integer
        case .bigint: self = .bigint
        case .double: self = .double
        case .string: self = .string
        case .bytes: self = .bytes
        case .date: self = .date
        case .time: self = .time
        case .timestamp: self = .timestamp
        case .decimal(let precision, let scale): self = .decimal(precision: precision, scale: scale)
        case .array(let element):
            let nested = JSONNestedPlan(element, typeName: type.description)
            owners.append(nested)
            self = .array(Unmanaged.passUnretained(nested))
        case .map(_, let value):
            let nested = JSONNestedPlan(value, typeName: type.description)
            owners.append(nested)
            self = .map(Unmanaged.passUnretained(nested))
        case .struct(let fields):
            let table = JSONFieldTable(fields.map { ($0.name, $0.type) }, typeName: type.description)
            owners.append(table)
            self = .structure(Unmanaged.passUnretained(table))
        }
    }

    /// The type as ksqlDB's coercion errors name it (`requiredType: BIGINT`).
    var typeName: String {
        switch self {
        case .boolean: "BOOLEAN"
        case .integer: "INTEGER"
        case .bigint: "BIGINT"
        case .double: "DOUBLE"
        case .string: "STRING"
        case .bytes: "BYTES"
        case .date: "DATE"
        case .time: "TIME"
        case .timestamp: "TIMESTAMP"
        case .decimal(let precision, let scale): "DECIMAL(\(precision), \(scale))"
        case .array(let nested), .map(let nested): nested.takeUnretainedValue().typeName
        case .structure(let table): table.takeUnretainedValue().typeName
        }
    }
}

/// The element plan of an array or the value plan of a map.
final class JSONNestedPlan: @unchecked Sendable {
    // Unchecked: its plan holds unowned references to objects that `owners` keeps alive.
    let inner: JSONTypePlan
    let typeName: String
    private let owners: [AnyObject]

    init(_ type: SQLType, typeName: String) {
        var owners: [AnyObject] = []
        inner = JSONTypePlan(type, owners: &owners)
        self.owners = owners
        self.typeName = typeName
    }
}

/// The named fields of a row or struct: their names as bytes for matching JSON keys, the
/// `,"NAME":` prefixes the encoder writes, and each field's type plan. Immutable once built.
final class JSONFieldTable: @unchecked Sendable {
    // Unchecked: the raw pointers are written once in init and only read afterwards.
    struct Field {
        var name: UnsafePointer<UInt8>
        var nameCount: Int
        /// `,"NAME":` with the name JSON-escaped; the first field of an object skips the comma.
        var prefix: UnsafePointer<UInt8>
        var prefixCount: Int
        var plan: JSONTypePlan
        /// The field whose name is this one's upper-cased, which a key equal to this name also
        /// feeds (ksqlDB matches each field exactly first, then against upper-cased keys).
        var upperCasePartner: Int
        /// Whether the name is printable ASCII without `"` or `\`, so a JSON key equal to it
        /// (in any case) is written without escapes and can be recognized in place.
        var isPredictable: Bool
        /// Whether the decoder steps over this field's value instead of reading it. Its key is
        /// still recognized, which keeps the prediction of the next key in step.
        var isSkipped: Bool
        /// For a predictable name of up to 15 bytes: the name and its closing quote as two
        /// little-endian words, and the masks of the bytes they cover (zero masks otherwise), so
        /// a key is recognized with two loads instead of a loop and a separate quote check.
        var keyWords: (UInt64, UInt64) = (0, 0)
        var keyMasks: (UInt64, UInt64) = (0, 0)
        /// `keyWords` with the name's letters in lower case, the usual spelling of JSON keys.
        var lowerCaseKeyWords: (UInt64, UInt64) = (0, 0)
    }

    let count: Int
    /// Plain data (no references), so reading a field copies no reference.
    let fields: UnsafeMutablePointer<Field>
    let names: [String]
    /// The struct type as errors name it.
    let typeName: String
    /// Whether any name has lower-case letters, so a key can match one field exactly and
    /// another case-insensitively.
    let hasLowerCaseNames: Bool
    /// The fields whose values are read (those not skipped).
    let decodedCount: Int
    /// Bit `i` set when field `i` is read (tables of at most 64 fields).
    let decodedMask: UInt64
    /// Whether `decodeObjectQuickly` can read objects of this table: at most 64 fields and no
    /// lower-case letters in names, so a key feeds at most one field.
    let isQuicklyDecodable: Bool
    private let pool: UnsafeMutablePointer<UInt8>
    private let owners: [AnyObject]

    /// - Parameter skipping: indexes of fields whose values are stepped over.
    init(_ columns: [(name: String, type: SQLType)], typeName: String, skipping: Set<Int> = []) {
        self.typeName = typeName
        count = columns.count
        decodedCount = columns.count - skipping.filter { columns.indices.contains($0) }.count
        names = columns.map(\.name)
        let nameBytes = columns.map { Array($0.name.utf8) }
        let prefixBytes = columns.map { column -> [UInt8] in
            var escaped: [UInt8] = [UInt8(ascii: ","), 0x22]
            JSONEscaping.append(escaped: Array(column.name.utf8), to: &escaped)
            escaped.append(contentsOf: [0x22, UInt8(ascii: ":")])
            return escaped
        }
        // Each name is followed by zeros up to a multiple of 8 bytes, so it can be read a word at a time.
        let paddedNames = nameBytes.map { $0 + [UInt8](repeating: 0, count: (8 - $0.count % 8) % 8 + 8) }
        let poolSize = paddedNames.reduce(0) { $0 + $1.count } + prefixBytes.reduce(0) { $0 + $1.count }
        // Sixteen spare bytes at the end: a prefix is copied as two words (`JSONWriter.prefix`).
        pool = UnsafeMutablePointer<UInt8>.allocate(capacity: poolSize + 16)
        (pool + poolSize).initialize(repeating: 0, count: 16)
        fields = UnsafeMutablePointer<Field>.allocate(capacity: max(count, 1))
        var offset = 0
        var lowerCase = false
        var owners: [AnyObject] = []
        for index in 0..<count {
            let name = nameBytes[index]
            let prefix = prefixBytes[index]
            (pool + offset).initialize(from: paddedNames[index], count: paddedNames[index].count)
            let namePointer = UnsafePointer(pool + offset)
            offset += paddedNames[index].count
            (pool + offset).initialize(from: prefix, count: prefix.count)
            let prefixPointer = UnsafePointer(pool + offset)
            offset += prefix.count
            let upper = columns[index].name.uppercased()
            let partner = upper == columns[index].name ? -1 : (names.firstIndex(of: upper) ?? -1)
            if name.contains(where: { $0 >= 0x61 && $0 <= 0x7A }) { lowerCase = true }
            (fields + index).initialize(
                to: Field(
                    name: namePointer, nameCount: name.count, prefix: prefixPointer, prefixCount: prefix.count,
                    plan: JSONTypePlan(columns[index].type, owners: &owners), upperCasePartner: partner,
                    isPredictable: name.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C },
                    isSkipped: skipping.contains(index)))
            if fields[index].isPredictable, name.count <= 15 {
                // Built in memory order and loaded like the keys they are compared with.
                let key = name + [0x22] + [UInt8](repeating: 0, count: 15 - name.count)
                let mask = [UInt8](repeating: 0xFF, count: name.count + 1) + [UInt8](repeating: 0, count: 15 - name.count)
                func words(_ bytes: [UInt8]) -> (UInt64, UInt64) {
                    bytes.withUnsafeBytes { ($0.loadUnaligned(as: UInt64.self), $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) }
                }
                fields[index].keyWords = words(key)
                fields[index].keyMasks = words(mask)
                fields[index].lowerCaseKeyWords = words(key.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 })
            }
        }
        hasLowerCaseNames = lowerCase
        self.owners = owners
        isQuicklyDecodable = !lowerCase && count <= 64
        decodedMask = count > 64 ? 0 : (0..<count).reduce(0) { mask, index in
            skipping.contains(index) ? mask : mask | (1 << UInt64(index))
        }
    }

    deinit {
        fields.deallocate()
        pool.deallocate()
    }

    /// How a key matched a field.
    enum Match { case none, exact, caseInsensitive }

    /// Compares a key with field `index`: byte-exact, or equal once the key is upper-cased.
    ///
    /// When at least `readable` bytes (≥ the key rounded up to 8) can be read from the key's
    /// start, it compares eight bytes at a time.
    @inline(__always) func compare(_ key: UnsafeBufferPointer<UInt8>, readable: Int, with index: Int) -> Match {
        let field = fields[index]
        let count = key.count
        guard count == field.nameCount else { return .none }
        guard let start = key.baseAddress, readable >= (count + 7) & ~7 else { return compareBytes(key, field) }
        var exact = true
        var caseInsensitive = true
        var offset = 0
        while offset < count {
            var word = UnsafeRawPointer(start + offset).loadUnaligned(as: UInt64.self)
            let remaining = count - offset
            if remaining < 8 { word &= UInt64(littleEndian: (1 << UInt64(remaining * 8)) &- 1) }
            let name = UnsafeRawPointer(field.name + offset).loadUnaligned(as: UInt64.self)
            if word != name { exact = false }
            if JSONFieldTable.upperCased(word) != name { caseInsensitive = false }
            if !exact && !caseInsensitive { return .none }
            offset += 8
        }
        return exact ? .exact : .caseInsensitive
    }

    /// ASCII letters `a`–`z` in `word` made upper-case, other bytes unchanged.
    @inline(__always) static func upperCased(_ word: UInt64) -> UInt64 {
        let littleEndianWord = UInt64(littleEndian: word)
        let low7 = littleEndianWord & 0x7F7F_7F7F_7F7F_7F7F
        let atLeastA = low7 &+ 0x1F1F_1F1F_1F1F_1F1F
        let aboveZ = low7 &+ 0x0505_0505_0505_0505
        let lower = atLeastA & ~aboveZ & ~littleEndianWord & 0x8080_8080_8080_8080
        return UInt64(littleEndian: littleEndianWord &- (lower >> 2))
    }

    private func compareBytes(_ key: UnsafeBufferPointer<UInt8>, _ field: Field) -> Match {
        var exact = true
        var caseInsensitive = true
        var position = 0
        while position < key.count {
            let byte = key[position]
            let nameByte = field.name[position]
            if byte != nameByte { exact = false }
            if (byte &- 0x61 < 26 ? byte &- 0x20 : byte) != nameByte { caseInsensitive = false }
            if !exact && !caseInsensitive { return .none }
            position += 1
        }
        return exact ? .exact : .caseInsensitive
    }

    /// When the key whose opening quote is at `quote` is field `index`'s name (in any case)
    /// followed by the closing quote, how it matched; `.none` otherwise (the caller then scans the
    /// key). Keys mostly arrive in schema order, so this usually recognizes the key in one step.
    func comparePredicted(at quote: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>, with index: Int) -> Match {
        let field = fields[index]
        let keyStart = quote + 1
        guard field.isPredictable, end - keyStart > field.nameCount, keyStart[field.nameCount] == 0x22 else { return .none }
        return compare(UnsafeBufferPointer(start: keyStart, count: field.nameCount), readable: end - keyStart, with: index)
    }

    /// Whether the key at `quote` is the field's name in any case (`matchKeyWords` without telling
    /// exact from case-insensitive); nil as for `matchKeyWords`. Keys spelled as the name or in
    /// lower case need no upper-casing.
    @inline(__always)
    static func keyMatchesInAnyCase(at quote: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>, field: UnsafePointer<Field>) -> Bool? {
        let keyStart = quote + 1
        let masks = field.pointee.keyMasks
        guard masks.0 != 0, end - keyStart >= 16 else { return nil }
        let first = UnsafeRawPointer(keyStart).loadUnaligned(as: UInt64.self) & masks.0
        let second = UnsafeRawPointer(keyStart + 8).loadUnaligned(as: UInt64.self) & masks.1
        let words = field.pointee.keyWords
        let lower = field.pointee.lowerCaseKeyWords
        if (first == lower.0 && second == lower.1) || (first == words.0 && second == words.1) { return true }
        return upperCased(first) == words.0 && upperCased(second) == words.1
    }

    /// `comparePredicted` by the field's key words: two loads and compares. `nil` when the
    /// field has none or fewer than 16 bytes follow the quote (then `comparePredicted` decides).
    @inline(__always)
    static func matchKeyWords(at quote: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>, field: UnsafePointer<Field>) -> Match? {
        let keyStart = quote + 1
        let masks = field.pointee.keyMasks
        guard masks.0 != 0, end - keyStart >= 16 else { return nil }
        let words = field.pointee.keyWords
        let first = UnsafeRawPointer(keyStart).loadUnaligned(as: UInt64.self) & masks.0
        let second = UnsafeRawPointer(keyStart + 8).loadUnaligned(as: UInt64.self) & masks.1
        if first == words.0 && second == words.1 { return .exact }
        // Upper-casing leaves the quote and the zero padding alone.
        return upperCased(first) == words.0 && upperCased(second) == words.1 ? .caseInsensitive : Match.none
    }

    /// The field named exactly `key`, or -1; only consulted when some name has lower-case letters.
    @inline(__always) func exactPartner(of key: UnsafeBufferPointer<UInt8>) -> Int {
        hasLowerCaseNames ? exactMatch(key) : -1
    }

    /// The fields a key feeds: the one it names exactly and the one named by its upper-cased form.
    /// `hint` is tried first (JSON keys usually come in schema order).
    @inline(__always) func match(
        _ key: UnsafeBufferPointer<UInt8>, readable: Int, hint: Int
    ) -> (exact: Int, caseInsensitive: Int) {
        if hint < count {
            switch compare(key, readable: readable, with: hint) {
            case .exact: return (hint, fields[hint].upperCasePartner)
            case .caseInsensitive: return (hasLowerCaseNames ? exactMatch(key) : -1, hint)
            case .none: break
            }
        }
        return matchAny(key, readable: readable)
    }

    @inline(never)
    private func matchAny(_ key: UnsafeBufferPointer<UInt8>, readable: Int) -> (exact: Int, caseInsensitive: Int) {
        var exact = -1
        var caseInsensitive = -1
        for index in 0..<count {
            switch compare(key, readable: readable, with: index) {
            case .exact:
                exact = index
                if caseInsensitive < 0 { caseInsensitive = fields[index].upperCasePartner }
            case .caseInsensitive: caseInsensitive = index
            case .none: break
            }
        }
        if caseInsensitive < 0, key.contains(where: { $0 >= 0x80 }) {
            caseInsensitive = unicodeCaseInsensitiveMatch(key, excluding: exact)
        }
        return (exact, caseInsensitive)
    }

    @inline(never)
    private func exactMatch(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        for index in 0..<count where fields[index].nameCount == key.count {
            if memcmp(fields[index].name, key.baseAddress!, key.count) == 0 { return index }
        }
        return -1
    }

    /// Keys with non-ASCII letters are upper-cased with Unicode rules, as Java's `toUpperCase`.
    private func unicodeCaseInsensitiveMatch(_ key: UnsafeBufferPointer<UInt8>, excluding: Int) -> Int {
        let upper = String(decoding: key, as: UTF8.self).uppercased()
        guard let index = names.firstIndex(of: upper), index != excluding else { return -1 }
        return index
    }
}
