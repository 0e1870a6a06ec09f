import Foundation

/// Reads a test file's text with errors a user can act on (not Foundation's error domains).
enum TestFileText {
    static func read(_ path: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw QTTFile.ReadError(description: "\(path): no such file")
        }
        if isDirectory.boolValue { throw QTTFile.ReadError(description: "\(path): is a directory, not a test file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw QTTFile.ReadError(description: "\(path): cannot be read (permissions?)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw QTTFile.ReadError(description: "\(path): is not UTF-8 text")
        }
        // Windows line ends: "\r\n" is one Character in Swift, so splitting on "\n" would miss it.
        return text.replacingOccurrences(of: "\r\n", with: "\n")
    }
}
