import Foundation

/// Buffered writes to standard output: records are printed by the million, so one `write` per line is too slow.
final class OutputBuffer {
    private var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1 << 16) }

    func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
        if bytes.count >= 1 << 16 { flush() }
    }

    func appendLine(_ text: String) {
        append(text)
        bytes.append(UInt8(ascii: "\n"))
    }

    func flush() {
        guard !bytes.isEmpty else { return }
        bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let written = write(1, raw.baseAddress! + done, raw.count - done)
                if written <= 0 { break }
                done += written
            }
        }
        bytes.removeAll(keepingCapacity: true)
    }
}
