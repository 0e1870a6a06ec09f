/// Buffered writes to a command's output: records are printed by the million, so one write per line is too slow.
final class OutputBuffer {
    private let output: CommandOutput
    private var bytes: [UInt8] = []

    init(_ output: CommandOutput) {
        self.output = output
        bytes.reserveCapacity(1 << 16)
    }

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
        bytes.withUnsafeBytes { output.write($0) }
        bytes.removeAll(keepingCapacity: true)
    }
}
