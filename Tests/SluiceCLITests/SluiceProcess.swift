import Foundation
import SluiceTestSupport
import Testing

/// The built `sluice` binary, next to this test bundle (`.build/debug/sluice`).
enum SluiceBinary {
    static let path: String = (try? sluiceBinary()) ?? ".build/debug/sluice"
}

/// A scratch directory for one test, removed when the test ends.
final class Scratch {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "sluice-cli-" + UUID().uuidString.prefix(8)
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes a file in the directory and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let file = path + "/" + name
        _ = FileManager.default.createFile(atPath: file, contents: Data(text.utf8))
        return file
    }
}

/// What a finished `sluice` invocation printed and returned.
struct Finished {
    var status: Int32
    var output: String
    var error: String
}

/// A `sluice` process; its output goes to files so a test can read it while it runs.
final class SluiceProcess {
    private let child: Subprocess
    private let outputPath: String
    private let errorPath: String

    /// Starts `sluice arguments...` in `directory`, with `input` as standard input (none when nil).
    init(_ arguments: [String], in directory: String, input: String? = nil, environment: [String: String] = [:]) throws {
        let id = UUID().uuidString.prefix(8)
        outputPath = directory + "/out-\(id).txt"
        errorPath = directory + "/err-\(id).txt"
        var inputPath: String?
        if let input {
            inputPath = directory + "/in-\(id).txt"
            _ = FileManager.default.createFile(atPath: inputPath!, contents: Data(input.utf8))
        }
        child = try Subprocess([SluiceBinary.path] + arguments, directory: directory, environment: environment,
                               input: inputPath, output: outputPath, error: errorPath)
    }

    var output: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }
    var error: String { (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "" }
    var isRunning: Bool { child.isRunning }

    /// Waits until standard output contains `text`; false when it does not in time or the process ended.
    func waitForOutput(_ text: String, timeout: Double = 15) async -> Bool {
        _ = await eventually(timeout: timeout) { output.contains(text) || !child.isRunning }
        return output.contains(text)
    }

    /// Sends a signal (SIGINT, SIGTERM).
    func signal(_ signo: Int32) {
        kill(child.pid, signo)
    }

    /// Waits for the process to exit (killing it after `timeout`) and returns what it printed.
    func finish(timeout: Double = 20) async -> Finished {
        let status = await child.wait(timeout: timeout)
        return Finished(status: status, output: output, error: error)
    }
}

/// Runs `sluice arguments...` to the end.
func sluice(_ arguments: [String], in directory: String, input: String? = nil, environment: [String: String] = [:])
    async throws -> Finished
{
    try await SluiceProcess(arguments, in: directory, input: input, environment: environment).finish()
}

/// Polls `condition` every 50 ms until it holds or `timeout` seconds pass. It sleeps without
/// blocking a thread, so many tests can wait at once.
func eventually(timeout: Double, _ condition: () -> Bool) async -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(50))
    }
    return condition()
}
