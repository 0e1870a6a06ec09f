import ArgumentParser
import Foundation
import SluiceLog

/// Options every command that touches a data directory takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The data directory (default: $SLUICE_DATA or ./sluice-data).")
    var data: String?

    @Option(
        name: .long,
        help: "When appends reach the disk: always (fsync before acknowledging), interval (every second) or never.")
    var sync: SyncMode = .interval

    /// The data directory this invocation uses.
    var dataDirectory: String {
        if let data { return data }
        if let env = ProcessInfo.processInfo.environment["SLUICE_DATA"], !env.isEmpty { return env }
        return "./sluice-data"
    }
}

extension SyncMode: ExpressibleByArgument {}
