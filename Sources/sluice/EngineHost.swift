import Foundation
import Synchronization
import SluiceEngine
import SluiceLog

/// Opens an engine on the data directory for this process.
enum EngineHost {
    static func open(_ global: GlobalOptions, command: String) throws -> Engine {
        let engine = try Engine(options: EngineOptions(dataDirectory: global.dataDirectory))
        for report in engine.recoveryReports { Terminal.writeError("recovery: \(report)\n") }
        return engine
    }
}

/// Standard output and error, unbuffered, plus Ctrl-C handling for streams.
enum Terminal {
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Makes the next Ctrl-C cancel `stream` instead of killing the process.
    static func cancelOnInterrupt(_ stream: ResultStream) {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            stream.cancel()
            source.cancel()
        }
        source.resume()
        // The source must outlive this call; it cancels itself after the first Ctrl-C.
        nonisolated(unsafe) let retained = source
        interruptSources.withLock { $0.append(UncheckedBox(retained)) }
    }

    private final class UncheckedBox: @unchecked Sendable {
        let value: Any
        init(_ value: Any) { self.value = value }
    }

    private static let interruptSources = Mutex<[UncheckedBox]>([])
}
