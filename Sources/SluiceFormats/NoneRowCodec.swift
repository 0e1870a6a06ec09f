import SluiceCore

/// The NONE format: the record has no columns here (a keyless stream's key), so its bytes are
/// ignored when read and nothing is written.
public final class NoneRowDecoder: RowDecoder {
    public let columns: [Column] = []
    public let slots: [Int] = []

    public init() {}

    /// Ignores `bytes`; reports a null record when there are none.
    public func decode(
        _ bytes: UnsafeRawBufferPointer?, into row: UnsafeMutableBufferPointer<Value>, arena: inout ByteArena
    ) throws(SerdeError) -> Bool {
        bytes != nil
    }
}

/// Writes nothing: a NONE record is always null.
public final class NoneRowEncoder: RowEncoder {
    public let columns: [Column] = []
    public let sources: [Int] = []

    public init() {}

    public func encode(_ row: UnsafeBufferPointer<Value>, into buffer: inout OutputBuffer) throws(SerdeError) -> Bool {
        false
    }
}
