import SluiceCore
import SluiceFormats

/// A record a test produces or expects, as ksqlDB's test files write it.
public struct TestRecord: Sendable, Equatable {
    public var topic: String
    /// The key as JSON; `nil` when absent (a null key).
    public var key: JSONValue?
    /// The value as JSON (`.null` for a tombstone).
    public var value: JSONValue
    /// Epoch milliseconds; `nil` on an expectation means any timestamp matches.
    public var timestamp: Int64?
    /// Window bounds of a windowed key.
    public var window: TestWindow?
    /// Headers with base64 values; `nil` on an expectation means "no headers".
    public var headers: [(key: String, value: String?)]?

    public init(topic: String, key: JSONValue?, value: JSONValue, timestamp: Int64?, window: TestWindow? = nil,
                headers: [(key: String, value: String?)]? = nil) {
        self.topic = topic
        self.key = key
        self.value = value
        self.timestamp = timestamp
        self.window = window
        self.headers = headers
    }

    public static func == (lhs: TestRecord, rhs: TestRecord) -> Bool {
        lhs.topic == rhs.topic && lhs.key == rhs.key && lhs.value == rhs.value && lhs.timestamp == rhs.timestamp
            && lhs.window == rhs.window
            && lhs.headers?.map { "\($0.key)=\($0.value ?? "")" } == rhs.headers?.map { "\($0.key)=\($0.value ?? "")" }
    }
}

/// `{"start": ms, "end": ms, "type": "time" | "session"}`.
public struct TestWindow: Sendable, Equatable {
    public var start: Int64
    public var end: Int64
    public var type: String

    public init(start: Int64, end: Int64, type: String) {
        self.start = start
        self.end = end
        self.type = type
    }
}

/// What a source must look like after the statements ran (QTT `post.sources`).
public struct SourceExpectation: Sendable {
    public var name: String
    /// `stream` or `table`.
    public var type: String?
    /// `ID INT KEY, NAME STRING`.
    public var schema: String?
    public var keyFormat: String?
    public var valueFormat: String?
    /// `valueFeatures`/`keyFeatures`: `UNWRAP_SINGLES` means a single column is not wrapped.
    public var valueFeatures: [String]? = nil
    public var keyFeatures: [String]? = nil
    /// `keyFormat.windowType` (`TUMBLING`, `HOPPING`, `SESSION`) when the expectation names it;
    /// `.some(nil)` when it says the key is not windowed.
    public var windowType: String?? = nil
    /// `keyFormat.windowSize` in milliseconds.
    public var windowSize: Int64? = nil
}

/// A topic a test declares (QTT `topics`).
public struct TopicSpec: Sendable {
    public var name: String
    public var partitions: Int?
    /// The topic needs a schema registry (it declares a key or value schema).
    public var usesSchemaRegistry: Bool
}

/// One expanded test case: statements, inputs and what must come out.
public struct TestCase: Sendable {
    /// `where - on key column - JSON`, as ksqlDB names expanded cases.
    public var name: String
    /// The file the case came from.
    public var file: String
    public var statements: [String]
    public var properties: [String: String]
    public var inputs: [TestRecord]
    public var outputs: [TestRecord]
    /// Expected failure: the exception class (FQCN) and a substring of its message.
    public var expectedErrorType: String?
    public var expectedErrorMessage: String?
    public var topics: [TopicSpec]
    public var post: [SourceExpectation]
    /// Regex of topic names that must not exist after the statements (QTT `post.topics.blacklist`).
    public var topicBlacklist: String?
    /// Topics that must exist after the statements (QTT `post.topics.topics`): name and, when
    /// given, partition count.
    public var postTopics: [(name: String, partitions: Int?)] = []
    /// The statements form one test script (run-ksql-test style) that may hold ASSERT statements.
    public var isScript = false

    public var expectsError: Bool { expectedErrorType != nil || expectedErrorMessage != nil }

    public init(name: String, file: String, statements: [String], properties: [String: String] = [:],
                inputs: [TestRecord] = [], outputs: [TestRecord] = [], expectedErrorType: String? = nil,
                expectedErrorMessage: String? = nil, topics: [TopicSpec] = [], post: [SourceExpectation] = [],
                topicBlacklist: String? = nil) {
        self.name = name
        self.file = file
        self.statements = statements
        self.properties = properties
        self.inputs = inputs
        self.outputs = outputs
        self.expectedErrorType = expectedErrorType
        self.expectedErrorMessage = expectedErrorMessage
        self.topics = topics
        self.post = post
        self.topicBlacklist = topicBlacklist
    }
}
