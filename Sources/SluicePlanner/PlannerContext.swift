import SluiceCore
import SluiceFunctions
import SluiceSQL

/// What planning a statement may look at besides the statement itself.
public struct PlannerContext: Sendable {
    public var catalog: Catalog
    /// Session properties (`SET 'auto.offset.reset' = 'earliest'`), names as written.
    public var properties: [String: String]
    public var registry: FunctionRegistry
    /// The partition count of an existing topic, or `nil` when the topic does not exist.
    public var topicPartitions: @Sendable (String) -> Int?

    public init(catalog: Catalog, properties: [String: String], registry: FunctionRegistry,
                topicPartitions: @escaping @Sendable (String) -> Int?) {
        self.catalog = catalog
        self.properties = properties
        self.registry = registry
        self.topicPartitions = topicPartitions
    }

    /// A session property, looked up case-insensitively.
    public func property(_ name: String) -> String? {
        if let exact = properties[name] { return exact }
        let lower = name.lowercased()
        return properties.first { $0.key.lowercased() == lower }?.value
    }

    var types: TypeResolver { TypeResolver(customTypes: catalog.types) }
}

extension PlannerContext {
    /// Resolves written type syntax, expanding custom types.
    public func resolveType(_ syntax: SluiceSQL.TypeSyntax) throws(Diagnostic) -> SQLType {
        try types.resolve(syntax)
    }
}
