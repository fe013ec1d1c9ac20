import ArgumentParser

/// `repro bench …`: micro-benchmarks, run in a release build.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks (build with -c release for meaningful figures).",
        subcommands: [BenchParseCommand.self, BenchStackCommand.self, BenchStoreCommand.self]
    )
}
