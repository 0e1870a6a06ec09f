import ArgumentParser
import SluiceFormats
import SluiceLog

/// `sluice topic ...`: create, list, describe, delete, verify and repair topics of the built-in log.
struct TopicCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topic",
        abstract: "Manage the topics of the built-in log.",
        subcommands: [
            TopicCreateCommand.self, TopicListCommand.self, TopicDescribeCommand.self, TopicDeleteCommand.self,
            TopicVerifyCommand.self, TopicRepairCommand.self,
        ]
    )
}

struct TopicCreateCommand: ForwardableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a topic.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The topic name: 1-249 characters of letters, digits, '.', '_' and '-'.") var name: String
    @Option(help: "The number of partitions.") var partitions = 1
    @Option(name: .customLong("retention-ms"), help: "Delete data older than this many milliseconds.")
    var retentionMs: Int64?
    @Option(name: .customLong("retention-bytes"), help: "Delete the oldest data beyond this many bytes per partition.")
    var retentionBytes: Int64?
    @Flag(help: "Keep only the latest record per key (a table's changelog).") var compact = false
    @Option(
        name: .customLong("property"),
        help: ArgumentHelp(
            "A key=value property stored with the topic (repeatable); Kafka's cleanup.policy, retention.ms, "
                + "retention.bytes, segment.bytes and delete.retention.ms take effect."))
    var properties: [String] = []

    func run(in context: CommandContext) throws {
        var stored: [String: String] = [:]
        for property in properties {
            guard let equals = property.firstIndex(of: "=") else {
                throw CommandFailure("expected key=value, found '\(property)'", exitCode: 2)
            }
            stored[String(property[..<equals])] = String(property[property.index(after: equals)...])
        }
        var config = TopicConfig(
            partitions: partitions, retentionMs: retentionMs, retentionBytes: retentionBytes, compact: compact,
            properties: stored)
        try Self.applyKafkaProperties(stored, to: &config)
        try context.store.createTopic(name, config: config)
        context.output.line("created topic \(name) with \(partitions) partition\(partitions == 1 ? "" : "s")")
    }

    /// Kafka's topic settings among `properties`, as a Kafka user writes them.
    static func applyKafkaProperties(_ properties: [String: String], to config: inout TopicConfig) throws {
        func number(_ name: String) throws -> Int64? {
            guard let text = properties[name] else { return nil }
            guard let value = Int64(text) else { throw CommandFailure("\(name) must be a number, found '\(text)'", exitCode: 2) }
            return value
        }
        if let policy = properties["cleanup.policy"] {
            let policies = Set(policy.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            guard policies.isSubset(of: ["compact", "delete"]), !policies.isEmpty else {
                throw CommandFailure("cleanup.policy must be compact, delete or both, found '\(policy)'", exitCode: 2)
            }
            config.compact = config.compact || policies.contains("compact")
        }
        // -1 means "no limit" in Kafka.
        if let ms = try number("retention.ms") { config.retentionMs = ms < 0 ? nil : ms }
        if let bytes = try number("retention.bytes") { config.retentionBytes = bytes < 0 ? nil : bytes }
        if let bytes = try number("segment.bytes") { config.segmentBytes = Int(bytes) }
        if let ms = try number("delete.retention.ms") { config.tombstoneRetentionMs = ms }
    }
}

struct TopicListCommand: ForwardableCommand {
    static let createsDataDirectory = false
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List topics, one per line.")

    @OptionGroup var global: GlobalOptions

    func run(in context: CommandContext) throws {
        for name in context.store.topicNames { context.output.line(name) }
    }
}

struct TopicDeleteCommand: ForwardableCommand {
    static let createsDataDirectory = false
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a topic and its data.")

    @OptionGroup var global: GlobalOptions
    @Argument var name: String

    func run(in context: CommandContext) throws {
        try context.store.deleteTopic(name)
        context.output.line("deleted topic \(name)")
    }
}

struct TopicDescribeCommand: ForwardableCommand {
    static let createsDataDirectory = false
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Show a topic's settings and, per partition, its offsets, size and timestamps.")

    @OptionGroup var global: GlobalOptions
    @Argument var name: String

    func run(in context: CommandContext) throws {
        context.output.line(Self.render(try context.store.describe(name)))
    }

    static func render(_ description: TopicDescription) -> String {
        let config = description.config
        var lines = [
            "Topic:       \(description.name)",
            "Partitions:  \(config.partitions)",
            "Retention:   "
                + [
                    config.retentionMs.map { "\($0) ms" }, config.retentionBytes.map { "\($0) bytes" },
                ].compactMap { $0 }.joined(separator: ", ").ifEmpty("forever"),
            "Compaction:  " + (config.compact ? "on (tombstones kept \(config.tombstoneRetentionMs) ms)" : "off"),
        ]
        if !config.properties.isEmpty {
            lines.append(
                "Properties:  "
                    + config.properties.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                    .joined(separator: ", "))
        }
        lines.append("")
        var rows = [["PARTITION", "START", "END", "STABLE", "BYTES", "SEGMENTS", "FIRST TIMESTAMP", "LAST TIMESTAMP"]]
        for partition in description.partitions {
            rows.append([
                String(partition.partition), String(partition.startOffset), String(partition.endOffset),
                String(partition.lastStableOffset), String(partition.bytes), String(partition.segmentCount),
                partition.firstTimestamp.map(RowTime.iso8601) ?? "-",
                partition.lastTimestamp.map(RowTime.iso8601) ?? "-",
            ])
        }
        lines += alignedColumns(rows)
        return lines.joined(separator: "\n")
    }
}

/// Pads columns so they line up.
func alignedColumns(_ rows: [[String]]) -> [String] {
    guard let width = rows.first?.count else { return [] }
    let widths = (0..<width).map { column in rows.map { $0[column].count }.max() ?? 0 }
    return rows.map { row in
        row.enumerated().map { index, cell in
            index == width - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
        }.joined(separator: "  ")
    }
}

extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
