/// Steps are stored as `{"kind": "filterV1", "step": {...}}`, so a plan file says what each step is.
extension PlanStep: Codable {
    private enum Key: String, CodingKey {
        case kind, step
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        let kind = try container.decode(String.self, forKey: .kind)
        switch kind {
        case "sourceV1": self = .source(try container.decode(SourceStep.self, forKey: .step))
        case "filterV1": self = .filter(try container.decode(FilterStep.self, forKey: .step))
        case "projectV1": self = .project(try container.decode(ProjectStep.self, forKey: .step))
        case "partitionByV1": self = .partitionBy(try container.decode(PartitionByStep.self, forKey: .step))
        case "flatMapV1": self = .flatMap(try container.decode(FlatMapStep.self, forKey: .step))
        case "sinkV1": self = .sink(try container.decode(SinkStep.self, forKey: .step))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container, debugDescription: "unknown plan step '\(kind)' (written by a newer Sluice?)")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(kind, forKey: .kind)
        switch self {
        case .source(let step): try container.encode(step, forKey: .step)
        case .filter(let step): try container.encode(step, forKey: .step)
        case .project(let step): try container.encode(step, forKey: .step)
        case .partitionBy(let step): try container.encode(step, forKey: .step)
        case .flatMap(let step): try container.encode(step, forKey: .step)
        case .sink(let step): try container.encode(step, forKey: .step)
        }
    }
}
