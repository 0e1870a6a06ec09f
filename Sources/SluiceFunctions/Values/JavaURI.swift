/// A URI split into components the way `java.net.URI` (RFC 2396) does for the URL_* functions.
///
/// Path, query and fragment are percent-decoded, as `getPath`, `getQuery` and `getFragment`
/// return them. An authority that is not `[user@]host[:port]` (a registry-based authority in
/// Java's terms) leaves host and port unset without failing.
package struct JavaURI: Equatable {
    package var scheme: String?
    package var host: String?
    package var port: Int?
    package var path: String?
    package var query: String?
    package var fragment: String?

    /// Parses `text`.
    ///
    /// - Throws: `RecordError` (`URL input has invalid syntax: ...`) for characters a URI can't
    ///   hold (spaces, `<`, `"`, a `%` without two hex digits, ...) or a missing part.
    package init(_ text: String) throws(RecordError) {
        let invalid = RecordError("URL input has invalid syntax: \(text)")
        guard JavaURI.hasOnlyLegalCharacters(text) else { throw invalid }
        var rest = Substring(text)
        if let hash = rest.firstIndex(of: "#") {
            let raw = rest[rest.index(after: hash)...]
            guard !raw.contains("#") else { throw invalid }
            fragment = JavaURI.decode(raw)
            rest = rest[..<hash]
        }
        if let colon = rest.firstIndex(of: ":"), JavaURI.isScheme(rest[..<colon]) {
            scheme = String(rest[..<colon])
            rest = rest[rest.index(after: colon)...]
            guard !rest.isEmpty else { throw invalid }
            // An opaque URI (`mailto:a@b`) has no path, query or authority.
            guard rest.hasPrefix("/") else { return }
        }
        if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            let end = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
            let authority = rest[..<end]
            rest = rest[end...]
            if authority.isEmpty {
                guard !rest.isEmpty else { throw invalid }
            } else {
                try parseServer(authority, invalid)
            }
        }
        if let mark = rest.firstIndex(of: "?") {
            query = JavaURI.decode(rest[rest.index(after: mark)...])
            rest = rest[..<mark]
        }
        path = JavaURI.decode(rest)
    }

    /// `[userinfo@]host[:port]`; anything else is a registry-based authority with no host.
    private mutating func parseServer(_ authority: Substring, _ invalid: RecordError) throws(RecordError) {
        var server = authority
        if let at = server.lastIndex(of: "@") { server = server[server.index(after: at)...] }
        var hostPart = server
        var portPart: Substring?
        if server.hasPrefix("[") {
            guard let close = server.firstIndex(of: "]") else { throw invalid }
            hostPart = server[...close]
            let after = server[server.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw invalid }
                portPart = after.dropFirst()
            }
        } else if let colon = server.lastIndex(of: ":") {
            hostPart = server[..<colon]
            portPart = server[server.index(after: colon)...]
        }
        if let portPart, !portPart.isEmpty {
            guard portPart.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(portPart) else { return }
            port = number
        }
        guard hostPart.hasPrefix("[") || JavaURI.isHostname(hostPart) else {
            port = nil
            return
        }
        host = String(hostPart)
    }

    static func isScheme(_ text: Substring) -> Bool {
        guard let first = text.first, first.isASCII, first.isLetter else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }
    }

    /// A DNS name or IPv4 address: labels of letters, digits and inner hyphens.
    static func isHostname(_ text: Substring) -> Bool {
        guard !text.isEmpty else { return false }
        var labels = text.split(separator: ".", omittingEmptySubsequences: false)
        if labels.count > 1, labels.last?.isEmpty == true { labels.removeLast() }
        return labels.allSatisfy { label in
            !label.isEmpty && label.first != "-" && label.last != "-"
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }

    /// Characters RFC 2396 leaves out of URIs, and `%` not followed by two hex digits.
    static func hasOnlyLegalCharacters(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.count, ByteEncodings.hexValue(bytes[index + 1]) != nil,
                    ByteEncodings.hexValue(bytes[index + 2]) != nil
                else { return false }
                index += 3
                continue
            }
            if byte <= 0x20 || byte == 0x7F || "\"<>\\^`{|}".utf8.contains(byte) { return false }
            index += 1
        }
        return true
    }

    /// Percent-decoding as UTF-8 (malformed sequences become U+FFFD).
    static func decode(_ text: Substring) -> String {
        guard text.contains("%") else { return String(text) }
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = ByteEncodings.hexValue(bytes[index + 1]), let low = ByteEncodings.hexValue(bytes[index + 2])
            {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
