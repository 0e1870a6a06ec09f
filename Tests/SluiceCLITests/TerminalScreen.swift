import Foundation

/// A terminal a test types into, as a person would: a private tmux server running one command in a
/// 200×50 window. `screen` is what the window shows.
final class TerminalScreen {
    private let socket: String

    /// Starts `command` (argv, run through `env` so `environment` applies) in a new terminal.
    init(_ command: [String], environment: [String: String], socketDirectory: String) throws {
        socket = socketDirectory + "/tmux-\(UUID().uuidString.prefix(6)).sock"
        let assignments = environment.map { "\($0.key)=\($0.value)" }.sorted()
        let shellCommand = "exec " + (["env"] + assignments + command).map(Self.shellQuoted).joined(separator: " ")
        try tmux(["new-session", "-d", "-x", "200", "-y", "50", shellCommand], capture: false)
    }

    deinit {
        // The server hangs up on the terminal's process (the command itself, thanks to `exec`), and
        // the REPL shuts down cleanly.
        _ = try? tmux(["kill-server"], capture: false)
    }

    /// Types `text` literally (no Enter).
    func type(_ text: String) throws {
        // tmux reads an argument ending in ';' as a command separator unless it is escaped.
        let escaped = text.hasSuffix(";") ? String(text.dropLast()) + "\\;" : text
        try tmux(["send-keys", "-l", escaped], capture: false)
    }

    /// Types `text` and presses Enter.
    func typeLine(_ text: String) throws {
        try type(text)
        try press("Enter")
    }

    /// Presses keys by tmux's names: `Enter`, `Tab`, `Up`, `C-c`, `C-d`.
    func press(_ keys: String...) throws {
        try tmux(["send-keys"] + keys, capture: false)
    }

    /// What the terminal shows now, one string per line, trailing blanks removed.
    var screen: String {
        ((try? tmux(["capture-pane", "-p"])) ?? "").split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }.joined(separator: "\n")
    }

    /// Waits until the screen holds `text`.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 15) async -> Bool {
        await eventually(timeout: timeout) { screen.contains(text) }
    }

    /// Runs a tmux command; `capture` reads what it prints.
    @discardableResult
    private func tmux(_ arguments: [String], capture: Bool = true) throws -> String {
        let outputPath = capture ? socket + "-\(UUID().uuidString.prefix(6)).txt" : nil
        let child = try Subprocess(["tmux", "-S", socket] + arguments, output: outputPath)
        child.waitBlocking()
        guard let outputPath else { return "" }
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }

    private static func shellQuoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
