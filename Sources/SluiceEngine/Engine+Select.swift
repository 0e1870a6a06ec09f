import Foundation
import SluiceCore
import SluiceLog
import SluicePlan
import SluicePlanner
import SluiceRuntime
import SluiceSQL

extension Engine {
    /// `SELECT ... EMIT CHANGES` streams from now on (or from the start with `auto.offset.reset =
    /// earliest`); a SELECT without EMIT over a stream is a pull query: it scans what the stream
    /// holds now and ends.
    func runSelect(_ statement: SelectStatement, text: String, session: Session) throws -> StatementResult {
        let planned = try QueryPlanner(context: plannerContext(session)).plan(statement, sinkName: nil)
        // A scan shows what the running queries have made of what their sources hold now (as a
        // ksqlDB server, which never stops its queries, would), not a moment the queries lag behind.
        if !planned.emitChanges { waitForQueriesToCatchUp(timeout: .seconds(3)) }
        let plan = QueryPlan(root: planned.root)
        transientQueries += 1
        let id = "transient_\(planned.source.name)_\(transientQueries)"
        let push = planned.emitChanges
        let offsets = try resolveStartOffsets(plan, earliest: !push || session.startsFromEarliest)
        let query = try PushQuery(id: id, plan: plan, store: store, registry: registry, startOffsets: offsets,
                                  processingLog: processingLog)
        let stream = ResultStream(
            columns: planned.schema.columns, queryID: id, limit: planned.limit,
            run: { limit, deliver in
                try query.run(limit: limit, untilCaughtUp: !push) { values, _ in deliver(values) }
            },
            cancel: { query.cancel() })
        guard push else {
            var rows: [[Value]] = []
            var failure: String?
            do {
                try stream.run { values in
                    rows.append(values)
                    return true
                }
            } catch {
                // The rows read before the failure are shown, then the failure.
                failure = "\(error)"
            }
            return .rows(columns: planned.schema.columns, rows: rows, error: failure)
        }
        return .stream(stream)
    }

    func terminate(_ statement: TerminateStatement, text: String) throws -> StatementResult {
        let ids: [String]
        switch statement.target {
        case .all: ids = catalog.queries.keys.sorted()
        case .query(let id):
            let wanted = id.value.uppercased()
            guard let match = catalog.queries.keys.first(where: { $0.uppercased() == wanted }) else {
                throw Diagnostic.error("Unknown queryId: \(id.value)", at: id.range)
            }
            ids = [match]
        }
        for id in ids {
            stopJob(id, deleteState: true)
        }
        if !ids.isEmpty { try apply(ids.map { .terminateQuery(id: $0) }, statement: text) }
        return .message(ids.isEmpty ? "No queries to terminate." : "Query terminated.")
    }

    func setPaused(_ target: QueryTarget, paused: Bool) throws -> StatementResult {
        let ids: [String]
        switch target {
        case .all: ids = jobs.keys.sorted()
        case .query(let id):
            let wanted = id.value.uppercased()
            guard let match = jobs.keys.first(where: { $0.uppercased() == wanted }) else {
                throw Diagnostic.error("Unknown queryId: \(id.value)", at: id.range)
            }
            ids = [match]
        }
        for id in ids {
            if paused { jobs[id]?.pause() } else { jobs[id]?.resume() }
        }
        return .message(paused ? "Query paused." : "Query resumed.")
    }
}

extension Engine {
    /// Waits (threaded mode) until every running persistent query has committed output for all
    /// its source holds, or `timeout` passes.
    func waitForQueriesToCatchUp(timeout: Duration) {
        guard case .threaded = options.execution else { return }
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let behind = catalog.queries.values.contains { query in
                guard let job = jobs[query.id], job.status == .running, let topic = query.plan.sources.first?.topic
                else { return false }
                return job.committedPositions.enumerated().contains { partition, committed in
                    committed < ((try? store.lastStableOffset(TopicPartition(topic, partition))) ?? 0)
                }
            }
            if !behind { return }
            Thread.sleep(forTimeInterval: 0.01)
        }
    }
}

