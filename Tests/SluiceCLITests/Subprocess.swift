import Foundation

/// A child process started with `posix_spawn`, its standard streams connected to files.
///
/// Foundation's `Process` waits for children through its own run-loop machinery, which stalled
/// here when tmux daemonized; `waitpid` on the child's pid does not.
final class Subprocess {
    let pid: pid_t
    private var exitStatus: Int32?

    /// Starts `command[0]` (looked up on PATH) with the other arguments, in `directory`.
    /// - Parameters:
    ///   - input, output, error: files for standard input, output and error (`/dev/null` when nil).
    init(_ command: [String], directory: String? = nil, environment: [String: String] = [:], input: String? = nil,
         output: String? = nil, error: String? = nil) throws {
        // `env -C` changes the directory (posix_spawn's chdir action is not visible to Swift here).
        let arguments = directory.map { ["env", "-C", $0] + command } ?? command
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output ?? "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, error ?? "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0o644)
        let environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { "\($0.key)=\($0.value)" }
        // The test runner's threads block most signals; a child must start with none blocked and
        // default actions, or tmux never learns its panes ended and SIGTERM never reaches sluice.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let result = withCStrings(arguments) { argv in
            withCStrings(environment) { envp in
                posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
            }
        }
        guard result == 0 else { throw SubprocessError(message: "cannot start \(arguments[0]): \(String(cString: strerror(result)))") }
        self.pid = pid
    }

    deinit {
        if poll() == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
    }

    var isRunning: Bool { poll() == nil }

    /// The exit status (128 + signal when killed) once the process ended, else nil.
    func poll() -> Int32? {
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
        let signal = status & 0x7f
        exitStatus = signal == 0 ? (status >> 8) & 0xff : 128 + signal
        return exitStatus
    }

    /// Waits for the end, killing the process after `timeout` seconds.
    func wait(timeout: Double) async -> Int32 {
        if await !eventually(timeout: timeout, { poll() != nil }) {
            kill(pid, SIGKILL)
            _ = await eventually(timeout: 5) { poll() != nil }
        }
        return poll() ?? 137
    }

    /// Waits for a process that ends at once (a tmux client).
    func waitBlocking() {
        var status: Int32 = 0
        if exitStatus == nil, waitpid(pid, &status, 0) == pid {
            let signal = status & 0x7f
            exitStatus = signal == 0 ? (status >> 8) & 0xff : 128 + signal
        }
    }
}

struct SubprocessError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Calls `body` with a NULL-terminated C array of `strings`.
private func withCStrings<T>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> T) -> T {
    let pointers = strings.map { strdup($0) } + [nil]
    defer { pointers.forEach { free($0) } }
    return body(pointers)
}
