import SluiceCore
import SluiceLog
import SluiceSQL

extension Engine {
    /// `PRINT topic [FROM BEGINNING] [INTERVAL n] [LIMIT n]`: a stream of the topic's records as
    /// ksqlDB prints them, one STRING row per line (first the guessed key and value formats). It
    /// keeps waiting for new records until its LIMIT or until the face cancels it.
    func printTopic(_ statement: PrintStatement) throws -> StatementResult {
        let topic = try printedTopic(statement)
        let options = TopicPrinter.Options(
            start: statement.fromBeginning ? .beginning : .end, limit: statement.limit.map { Int($0) },
            interval: Int(statement.interval ?? 1), follow: true)
        let printer = try TopicPrinter(store: store, topic: topic, options: options)
        let stream = ResultStream(
            columns: [Column("PRINT", .string)], queryID: nil, limit: nil,
            run: { _, deliver in
                var open = true
                try printer.run { line in
                    guard open else { return }
                    if !deliver([.string(ByteString(line))]) {
                        open = false
                        printer.cancel()
                    }
                }
            },
            cancel: { printer.cancel() })
        return .stream(stream)
    }

    /// The topic a PRINT names. ksqlDB keeps the case of a topic name, but an unquoted name here is
    /// upper-cased like every identifier, so `PRINT pageviews` finds `pageviews` when no other
    /// topic matches it ignoring case.
    private func printedTopic(_ statement: PrintStatement) throws -> String {
        let name = statement.topic.value
        if store.hasTopic(name) { return name }
        if case .identifier(let identifier) = statement.topic, !identifier.isQuoted {
            let matches = store.topicNames.filter { $0.uppercased() == name.uppercased() }
            if matches.count == 1 { return matches[0] }
        }
        throw Diagnostic.error("Could not find topic '\(name)'. Topic names are case-sensitive.", at: statement.range)
    }
}
