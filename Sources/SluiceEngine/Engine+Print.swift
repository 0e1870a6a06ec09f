import SluiceCore
import SluiceSQL

extension Engine {
    func printTopic(_ statement: PrintStatement) throws -> StatementResult {
        throw Diagnostic.error("PRINT is wired up when the log's record formatter moves into a library", at: statement.range)
    }
}
