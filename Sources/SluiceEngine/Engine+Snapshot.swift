import SluicePlanner

extension Engine {
    /// The catalog as of now, read under the engine's lock, for a thread other than the one running
    /// statements (the REPL's tab completion while a forwarded command changes the catalog).
    public func catalogSnapshot() -> Catalog {
        lock.withLock { catalog }
    }
}
