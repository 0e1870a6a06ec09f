// SPDX-License-Identifier: Apache-2.0
import Foundation

/// The built `sluice` binary, next to the test bundle (`.build/<config>/sluice`).
public func sluiceBinary() throws -> String {
    let besideBundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("sluice").path
    let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    for candidate in [besideBundle, packageRoot.appendingPathComponent(".build/debug/sluice").path]
    where FileManager.default.isExecutableFile(atPath: candidate) {
        return candidate
    }
    throw ChildProcessError(
        "the sluice binary was not found beside \(CommandLine.arguments[0]); run `swift build` first")
}

public struct ChildProcessError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A child process whose standard output is read line by line, with timeouts.
public final class ChildProcess {
    public let process = Process()
    private let output = Pipe()
    private var pending: [UInt8] = []

    public init(_ arguments: [String], standardInput: Data? = nil) throws {
        process.executableURL = URL(fileURLWithPath: try sluiceBinary())
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let standardInput { input.fileHandleForWriting.write(standardInput) }
        try input.fileHandleForWriting.close()
    }

    public var pid: Int32 { process.processIdentifier }

    /// The next line of output, or nil at end of output or after `timeout` seconds.
    public func nextLine(timeout: Double = 10) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        let fd = output.fileHandleForReading.fileDescriptor
        while true {
            if let newline = pending.firstIndex(of: 0x0a) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                return line
            }
            let remaining = Int32(max(0, deadline.timeIntervalSinceNow * 1000))
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard remaining > 0, poll(&descriptor, 1, remaining) > 0 else { return nil }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count <= 0 {
                guard !pending.isEmpty else { return nil }
                pending.append(0x0a)
                continue
            }
            pending += chunk[0..<count]
        }
    }

    /// Every remaining line of output (the process must have exited or be about to).
    public func remainingLines() -> [String] {
        var lines: [String] = []
        while let line = nextLine(timeout: 5) { lines.append(line) }
        return lines
    }

    public func kill9() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Waits for the process to exit and returns its status and all of its output.
    public func finish() -> (status: Int32, output: String) {
        let lines = remainingLines()
        process.waitUntilExit()
        return (process.terminationStatus, lines.map { $0 + "\n" }.joined())
    }
}

/// Runs `sluice` with arguments and input; returns the exit status, standard output and standard error.
public func runSluice(_ arguments: [String], input: String = "") throws -> (status: Int32, output: String, error: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try sluiceBinary())
    process.arguments = arguments
    let output = Pipe()
    let error = Pipe()
    let standardInput = Pipe()
    process.standardOutput = output
    process.standardError = error
    process.standardInput = standardInput
    try process.run()
    standardInput.fileHandleForWriting.write(Data(input.utf8))
    try standardInput.fileHandleForWriting.close()
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (
        process.terminationStatus, String(decoding: outputData, as: UTF8.self),
        String(decoding: errorData, as: UTF8.self)
    )
}
