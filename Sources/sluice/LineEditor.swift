import CReadline
import Foundation
import Synchronization

/// Reads lines from the terminal with GNU readline: editing, persistent history and tab completion.
///
/// Readline is process-global, so there is one editor per process.
final class LineEditor {
    /// Returns completions for `word`, the word under the cursor, given the whole `line` so far.
    typealias CompletionProvider = @Sendable (_ line: String, _ word: String) -> [String]

    private let historyPath: String?

    init(historyPath: String?, completion: @escaping CompletionProvider) {
        self.historyPath = historyPath
        completionState.withLock { $0 = completion }
        sluice_rl_set_name(strdup("sluice"))
        sluice_rl_set_word_breaks(" \t\n(),;=<>+-*/|")
        sluice_rl_set_completion(sluiceComplete)
        using_history()
        if let historyPath { read_history(historyPath) }
    }

    /// Reads one line; `nil` at end of input (Ctrl-D).
    func readLine(prompt: String) -> String? {
        guard let raw = readline(prompt) else { return nil }
        defer { free(raw) }
        return String(cString: raw)
    }

    /// Adds an entered statement to the history and saves it.
    func remember(_ entry: String) {
        let trimmed = entry.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return }
        add_history(trimmed)
        if let historyPath {
            write_history(historyPath)
            history_truncate_file(historyPath, 2000)
        }
    }
}

private let completionState = Mutex<LineEditor.CompletionProvider?>(nil)
private let pendingMatches = Mutex<[String]>([])

/// readline's attempted-completion hook: computes the candidates once per Tab.
private func sluiceComplete(
    _ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32
) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    sluice_rl_disable_filename_completion()
    let word = text.map { String(cString: $0) } ?? ""
    let line = sluice_rl_line_buffer().map { String(cString: $0) } ?? ""
    let prefix = String(line.utf8.prefix(Int(start))) ?? line
    let candidates = completionState.withLock { $0?(prefix, word) } ?? []
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
