import ArgumentParser
import Foundation

/// Options every command that touches a data directory takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The data directory (default: $SLUICE_DATA or ./sluice-data).")
    var data: String?

    /// The data directory this invocation uses.
    var dataDirectory: String {
        if let data { return data }
        if let env = ProcessInfo.processInfo.environment["SLUICE_DATA"], !env.isEmpty { return env }
        return "./sluice-data"
    }
}
