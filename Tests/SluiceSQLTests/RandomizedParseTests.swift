import SluiceCore
import SluiceSQL
import Testing

/// A fixed-seed fuzz run inside the normal tests: 50,000 mutations of real statements (tokens
/// deleted, inserted, swapped, duplicated; random bytes; statements spliced). The parser must never
/// crash, and whatever parses must print to SQL that parses back to an equal tree. `make fuzz`
/// runs the open-ended libFuzzer version.
@Suite struct RandomizedParseTests {
    @Test func fiftyThousandMutatedStatementsNeverCrashAndRoundTrip() {
        var random = SplitMix64(seed: 0x5_1CE)
        let seeds = FuzzCorpus.statements
        let tokenized = seeds.map(FuzzCorpus.tokenTexts)
        var parsedStatements = 0
        var failures: [String] = []
        let variables = VariableSubstitution(["x": "1", "name": "clicks", "s": "'text'"])
        for iteration in 0..<50_000 {
            let input = FuzzCorpus.mutate(tokenized, seeds: seeds, random: &random)
            let options = ParserOptions(substitution: iteration % 5 == 0 ? variables : nil)
            let result = Parser.parseScript(SourceFile(name: "<fuzz>", text: input), options: options)
            for statement in result.statements {
                guard let parsed = statement.statement else { continue }
                parsedStatements += 1
                if let problem = FuzzCorpus.roundTripProblem(parsed), failures.count < 20 {
                    failures.append("input: \(input)\n\(problem)")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n\n"))")
        // Most mutations break the statement, but enough survive to exercise the printer.
        #expect(parsedStatements > 5_000)
    }
}

/// SplitMix64: a small, fast, seedable generator, so every run mutates the same way.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
