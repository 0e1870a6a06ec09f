/// The rules for topic names (which are also directory names), shared by the log, which enforces
/// them, and the planner, which reports a bad `KAFKA_TOPIC` where the user wrote it.
public enum TopicNameRule {
    /// The longest allowed name (Kafka's limit).
    public static let maximumLength = 249

    /// Why `name` is not a valid topic name, or nil: it must be 1–249 characters of
    /// `[A-Za-z0-9._-]`, without `..`, and not `.`.
    public static func problem(with name: String) -> String? {
        if name.isEmpty { return "the name is empty" }
        if name.utf8.count > maximumLength { return "longer than \(maximumLength) characters" }
        if name.contains("/") { return "contains '/'" }
        if name.contains("..") { return "contains '..'" }
        if name == "." { return "'.' is not a valid name" }
        for byte in name.utf8 {
            let allowed =
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            if !allowed { return "only letters, digits, '.', '_' and '-' are allowed" }
        }
        return nil
    }
}
