/// Where a column's value comes from in a record.
public enum ColumnKind: Hashable, Sendable, Codable {
    /// Part of the record key (`KEY` on a stream, `PRIMARY KEY` on a table).
    case key
    /// A field of the record value.
    case value
    /// `HEADERS`: every header of the record, as `ARRAY<STRUCT<KEY STRING, VALUE BYTES>>`.
    case headers
    /// `HEADER('name')`: the last header with that name, as `BYTES`.
    case header(String)
}

/// A column of a stream or table.
public struct Column: Hashable, Sendable, Codable {
    /// The name, already normalized (unquoted names are upper-cased by the parser).
    public var name: String
    public var type: SQLType
    public var kind: ColumnKind

    public init(_ name: String, _ type: SQLType, kind: ColumnKind = .value) {
        self.name = name
        self.type = type
        self.kind = kind
    }

    public var isKey: Bool { kind == .key }

    public var isHeader: Bool {
        switch kind {
        case .headers, .header: true
        default: false
        }
    }
}

/// The columns of a stream or table: key columns first, then value and header columns in
/// declaration order, as ksqlDB's `LogicalSchema` orders them.
public struct Schema: Hashable, Sendable, Codable {
    public var columns: [Column]

    public init(_ columns: [Column]) {
        self.columns = columns
    }

    public var keyColumns: [Column] { columns.filter { $0.kind == .key } }
    public var valueColumns: [Column] { columns.filter { $0.kind == .value } }
    public var headerColumns: [Column] { columns.filter(\.isHeader) }

    /// The index of a column by its normalized name.
    public func index(of name: String) -> Int? {
        columns.firstIndex { $0.name == name }
    }

    public func column(named name: String) -> Column? {
        index(of: name).map { columns[$0] }
    }

    /// `ID INTEGER KEY, NAME STRING`: the form ksqlDB's DESCRIBE and test post-conditions use.
    public var description: String { text(quotingEverything: false) }

    /// The schema as ksqlDB's messages print it: `` `K` STRING KEY, `V` BIGINT ``.
    public var ksqlText: String { text(quotingEverything: true) }

    private func text(quotingEverything: Bool) -> String {
        columns.map { column in
            var text = quotingEverything
                ? "`\(column.name.doublingBackquotes)` \(column.type.canonicalText)"
                : "\(Schema.quoted(column.name)) \(column.type)"
            switch column.kind {
            case .key: text += " KEY"
            case .value: break
            case .headers: text += " HEADERS"
            case .header(let name): text += " HEADER('\(name)')"
            }
            return text
        }.joined(separator: ", ")
    }

    /// A column name as SQL can refer to it: bare when it is upper-case letters, digits and `_`, otherwise backquoted.
    public static func quoted(_ name: String) -> String {
        let plain = !name.isEmpty && name.utf8.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
            && !(name.utf8.first! >= 0x30 && name.utf8.first! <= 0x39)
        return plain ? name : "`" + name.doublingBackquotes + "`"
    }
}

extension String {
    /// The text with every backquote doubled, for a backquoted SQL identifier.
    package var doublingBackquotes: String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for character in self {
            if character == "`" { out.append("`") }
            out.append(character)
        }
        return out
    }
}
