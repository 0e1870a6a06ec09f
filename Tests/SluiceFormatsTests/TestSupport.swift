import SluiceCore
import SluiceFormats

/// Decodes `text` with a decoder for `columns`; `nil` for a null record.
func decode(
    _ text: String?, _ columns: [Column], format: FormatSpec = .json, isKey: Bool = false
) throws(SerdeError) -> [Value]? {
    let decoder = try Serdes.makeDecoder(format: format, columns: columns, isKey: isKey)
    var arena = ByteArena(chunkSize: 256)
    return try decoder.decodeRow(text.map { Array($0.utf8) }, arena: &arena)
}

/// Decodes raw bytes with a decoder for `columns`; `nil` for a null record.
func decode(
    bytes: [UInt8]?, _ columns: [Column], format: FormatSpec, isKey: Bool = false
) throws(SerdeError) -> [Value]? {
    let decoder = try Serdes.makeDecoder(format: format, columns: columns, isKey: isKey)
    var arena = ByteArena(chunkSize: 256)
    return try decoder.decodeRow(bytes, arena: &arena)
}

/// Encodes `values` as text; `nil` for a null record.
func encode(
    _ values: [Value], _ columns: [Column], format: FormatSpec = .json, isKey: Bool = false
) throws(SerdeError) -> String? {
    let encoder = try Serdes.makeEncoder(format: format, columns: columns, isKey: isKey)
    return try encoder.encodeRow(values).map { String(decoding: $0, as: UTF8.self) }
}

/// The error a throwing call raised, or `nil` when it did not throw.
func serdeError<T>(_ body: () throws -> T) -> SerdeError? {
    do {
        _ = try body()
        return nil
    } catch let error as SerdeError {
        return error
    } catch {
        return SerdeError("not a SerdeError: \(error)")
    }
}

func decimal(_ text: String) -> Value { .decimal(SQLDecimal(text)!) }

/// The Nexmark bid schema as a ksqlDB stream declares it.
let bidColumns = [
    Column("AUCTION", .bigint), Column("BIDDER", .bigint), Column("PRICE", .bigint), Column("CHANNEL", .string),
    Column("URL", .string), Column("DATETIME", .string), Column("EXTRA", .string),
]

let sampleBid = """
    {"auction":1000,"bidder":2001,"price":123456,"channel":"Google","url":"https://www.nexmark.com/abc/def/ghi/item.htm?query=1&channel_id=123","dateTime":"2023-11-14 22:13:20.000","extra":"ouLhsGtVbBzdzWjWjLgmVXBlgwmpcSBXkoaJXQoVaCuPyBrxflLGnzEwhDoXryvkhbGzKfMzmvrRDqXlIbVJwAiKGQhbSWYjwvnmx"}
    """
