import ArgumentParser
import Foundation
import SluiceCore
import SluiceSQL

/// `sluice format`: prints SQL files in canonical form, for editors and CI.
struct Format: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print SQL files in canonical form.",
        discussion: """
            Prints every statement with upper-case keywords, minimal quoting and one statement per \
            line, keeping comments. ${variables} are kept as written. When a statement has a syntax \
            error, prints the diagnostics instead and exits with status 1.
            """
    )

    @Argument(help: "SQL files to format; none or '-' reads standard input.")
    var files: [String] = []

    func run() throws {
        var failed = false
        for path in files.isEmpty ? ["-"] : files {
            guard let file = read(path) else {
                failed = true
                continue
            }
            let result = Parser.parseScript(file)
            if let formatted = SQLFormatter.format(result, of: file) {
                print(formatted, terminator: "")
            } else {
                FileHandle.standardError.write(Data((file.render(result.diagnostics) + "\n").utf8))
                failed = true
            }
        }
        if failed { throw ExitCode.failure }
    }

    private func read(_ path: String) -> SourceFile? {
        if path == "-" {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            return SourceFile(name: "<stdin>", text: String(decoding: data, as: UTF8.self))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            FileHandle.standardError.write(Data("\(path): error: cannot read file\n".utf8))
            return nil
        }
        return SourceFile(name: path, text: String(decoding: data, as: UTF8.self))
    }
}
