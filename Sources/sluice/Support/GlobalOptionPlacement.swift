/// Lets the data-directory options come before the command, as in `sluice --data DIR topic list`.
///
/// Each command declares `--data` and `--sync` itself (through `GlobalOptions`), and the root
/// command's default subcommand (the REPL) would otherwise claim options written before a command
/// name, failing on the command name as an unexpected argument.
enum GlobalOptionPlacement {
    static let optionsWithValues: Set<String> = ["--data", "--sync"]

    /// `arguments` (without the program name) with the leading global options moved after the
    /// command's words, or unchanged when no command name follows them.
    static func reorder(_ arguments: [String], commandNames: Set<String>) -> [String] {
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if optionsWithValues.contains(argument), index + 1 < arguments.count {
                leading += [argument, arguments[index + 1]]
                index += 2
            } else if let name = argument.split(separator: "=", maxSplits: 1).first,
                argument.contains("="), optionsWithValues.contains(String(name))
            {
                leading.append(argument)
                index += 1
            } else {
                break
            }
        }
        guard !leading.isEmpty, index < arguments.count, commandNames.contains(arguments[index]) else {
            return arguments
        }
        var rest = Array(arguments[index...])
        // Options go before a `--` terminator, which makes what follows it positional.
        let end = rest.firstIndex(of: "--") ?? rest.endIndex
        rest.insert(contentsOf: leading, at: end)
        return rest
    }
}
