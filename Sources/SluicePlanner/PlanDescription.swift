import SluiceCore
import SluicePlan

/// Describes plans for EXPLAIN and the plan golden files: one line per step, the sink on top,
/// each input indented under the step that reads it.
///
///     Sink[Q2, topic=Q2, key=NONE, value=JSON]
///       Project[AUCTION, PRICE]
///         Filter[(AUCTION % 123) = 0]
///           Source[BID, topic=bid, key=NONE, value=JSON, timestamp=DATETIME]
public enum PlanDescription {
    /// The step labels from the root down (the order EXPLAIN prints them).
    public static func labels(_ plan: QueryPlan) -> [String] {
        var labels: [String] = []
        plan.root.visit { labels.append(label($0)) }
        return labels
    }

    /// The indented tree; `annotations[i]` (if any) is appended to line `i`, e.g. live counters.
    public static func tree(_ plan: QueryPlan, annotations: [String] = []) -> String {
        labels(plan).enumerated().map { index, label in
            let note = index < annotations.count && !annotations[index].isEmpty ? "  " + annotations[index] : ""
            return String(repeating: "  ", count: index) + label + note
        }.joined(separator: "\n")
    }

    static func label(_ step: PlanStep) -> String {
        switch step {
        case .source(let source):
            var text = "Source[\(source.name), topic=\(source.topic), key=\(source.keyFormat.kind.rawValue), "
                + "value=\(source.valueFormat.kind.rawValue)"
            if let timestamp = source.timestamp { text += ", timestamp=\(source.schema.columns[timestamp.column].name)" }
            return text + "]"
        case .filter(let filter):
            return "Filter[\(filter.text)]"
        case .project(let project):
            return "Project[\(project.names.joined(separator: ", "))]"
        case .partitionBy(let partitionBy):
            return partitionBy.keys.isEmpty ? "PartitionBy[NULL]" : "PartitionBy[\(partitionBy.text.joined(separator: ", "))]"
        case .flatMap(let flatMap):
            return "FlatMap[\(flatMap.text.joined(separator: ", "))]"
        case .sink(let sink):
            return "Sink[\(sink.name), topic=\(sink.topic), key=\(sink.keyFormat.kind.rawValue), "
                + "value=\(sink.valueFormat.kind.rawValue)]"
        }
    }
}
