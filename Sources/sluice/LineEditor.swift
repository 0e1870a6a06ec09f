import CReadline
import Foundation
import SluiceSQL
import Synchronization

/// Reads lines from the terminal with GNU readline: editing, persistent history and tab completion.
///
/// It uses readline's callback interface and waits with `poll` on the terminal and a wake-up pipe,
/// so Ctrl-C (routed to `interrupt()`) abandons the line being typed instead of killing the process.
/// Readline is process-global, so there is one editor per process.
final class LineEditor {
    /// Returns completions for `word`, the word under the cursor, given the line before it.
    typealias CompletionProvider = @Sendable (_ linePrefix: String, _ word: String) -> [String]

    /// What reading a line ended with.
    enum Input: Equatable {
        case line(String)
        /// Ctrl-C: the typed line was dropped.
        case interrupted
        /// Ctrl-D on an empty line, or the terminal closed.
        case endOfInput
    }

    private let historyPath: String?
    private let wake = WakePipe()

    init(historyPath: String?, completion: @escaping CompletionProvider) {
        self.historyPath = historyPath
        completionState.withLock { $0 = completion }
        sluice_rl_set_name(strdup("sluice"))
        // readline keeps these pointers, so they must outlive the call: copies that live for the process.
        sluice_rl_set_word_breaks(strdup(" \t\n(),;=<>+-*/|"))
        sluice_rl_set_completion(sluiceComplete)
        sluice_rl_set_catch_signals(0)
        using_history()
        // Timestamps in the history file let an entry span lines (a string literal typed over
        // several lines must come back as it was).
        sluice_rl_keep_multiline_history()
        if let historyPath { read_history(historyPath) }
    }

    /// Makes a pending or the next `readLine` return `.interrupted`; callable from any thread.
    var interrupter: @Sendable () -> Void { { [wake] in wake.signal() } }

    /// Reads one line, showing `prompt`.
    func readLine(prompt: String) -> Input {
        wake.drain()
        finishedLine.withLock { $0 = nil }
        rl_callback_handler_install(prompt, sluiceLineFinished)
        while true {
            guard wake.waitForInput(on: 0) else {
                // Ctrl-C: show it after the typed text, drop the line, restore the terminal.
                FileHandle.standardOutput.write(Data("^C\n".utf8))
                rl_free_line_state()
                rl_callback_sigcleanup()
                rl_callback_handler_remove()
                return .interrupted
            }
            rl_callback_read_char()
            if let finished = finishedLine.withLock({ $0 }) {
                guard let line = finished else {
                    FileHandle.standardOutput.write(Data("\n".utf8))
                    return .endOfInput
                }
                return .line(line)
            }
        }
    }

    /// Adds an entered statement to the history and saves the history file.
    func remember(_ entry: String) {
        // One entry per statement, on one line when that keeps its meaning.
        let flattened = SingleLineSQL.canFlatten(entry) ? SingleLineSQL.flatten(entry) : entry
        guard !flattened.isEmpty else { return }
        add_history(flattened)
        if let historyPath {
            write_history(historyPath)
            history_truncate_file(historyPath, 2000)
        }
    }
}

private let completionState = Mutex<LineEditor.CompletionProvider?>(nil)
private let pendingMatches = Mutex<[String]>([])
/// The line readline finished: `.some(nil)` at end of input.
private let finishedLine = Mutex<String??>(nil)

/// readline's line handler: keeps the line and uninstalls itself, so readline does not print the
/// next prompt before the statement's output.
private func sluiceLineFinished(_ raw: UnsafeMutablePointer<CChar>?) {
    let line = raw.map { String(cString: $0) }
    free(raw)
    rl_callback_handler_remove()
    finishedLine.withLock { $0 = .some(line) }
}

/// readline's attempted-completion hook: computes the candidates once per Tab.
private func sluiceComplete(
    _ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32
) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    sluice_rl_disable_filename_completion()
    let word = text.map { String(cString: $0) } ?? ""
    let line = sluice_rl_line_buffer().map { String(cString: $0) } ?? ""
    let prefix = String(decoding: line.utf8.prefix(Int(start)), as: UTF8.self)
    let candidates = completionState.withLock { $0 }?(prefix, word) ?? []
    pendingMatches.withLock { $0 = candidates }
    return rl_completion_matches(text, sluiceNextMatch)
}

/// readline's generator: hands out one candidate per call, each as a malloc'd string readline frees.
private func sluiceNextMatch(_ text: UnsafePointer<CChar>?, _ state: Int32) -> UnsafeMutablePointer<CChar>? {
    pendingMatches.withLock { matches in
        guard !matches.isEmpty else { return nil }
        return strdup(matches.removeFirst())
    }
}
