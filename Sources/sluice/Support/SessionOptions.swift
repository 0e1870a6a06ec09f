import ArgumentParser
import Foundation
import SluiceEngine

/// The options every SQL face takes: how results look, and the session's properties and variables.
struct SessionOptions: ParsableArguments {
    @Option(name: .long, help: "table or json.")
    var output: String = "table"

    @Option(name: .long, help: "Set a property for the session, as NAME=VALUE (repeatable).")
    var property: [String] = []

    @Option(name: .long, help: "Define a variable for ${name} substitution, as NAME=VALUE (repeatable).")
    var define: [String] = []

    func validate() throws {
        guard OutputMode(rawValue: output) != nil else { throw ValidationError("--output must be table or json") }
        _ = try keyValues(property, "--property")
        _ = try keyValues(define, "--define")
    }

    var mode: OutputMode { OutputMode(rawValue: output) ?? .table }

    /// A session with these properties and variables, resolving RUN SCRIPT paths against `directory`.
    func makeSession(workingDirectory directory: String = FileManager.default.currentDirectoryPath) -> Session {
        Session(properties: (try? keyValues(property, "--property")) ?? [:],
                variables: (try? keyValues(define, "--define")) ?? [:], workingDirectory: directory)
    }
}

/// Parses `NAME=VALUE` flags.
func keyValues(_ flags: [String], _ option: String) throws -> [String: String] {
    var result: [String: String] = [:]
    for flag in flags {
        guard let equals = flag.firstIndex(of: "=") else { throw ValidationError("\(option) takes NAME=VALUE, found '\(flag)'") }
        result[String(flag[..<equals])] = String(flag[flag.index(after: equals)...])
    }
    return result
}
