import Foundation
import Testing

/// `repro bench parse` through the built binary: which cases it runs and what it reports
/// (the rates themselves are measured by running it, not by a test).
@Suite("repro bench parse")
struct BenchParseCommandTests {
    /// Runs `repro bench parse <arguments> --count 20 --json` and returns its JSON object.
    private func bench(_ arguments: [String]) throws -> [String: Int] {
        guard FileManager.default.isExecutableFile(atPath: StoreCLI.binary) else {
            throw StoreCommandMissing(path: StoreCLI.binary)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: StoreCLI.binary)
        process.arguments = ["bench", "parse"] + arguments + ["--count", "20", "--json"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Int])
    }

    @Test func theThreeCasesOfTheIssueRunByDefault() throws {
        let result = try bench([])
        #expect(Set(result.keys) == ["a) index INVITE", "b) index + typed reads", "c) index + reads + serialize",
                                     "messageBytes"])
        #expect(result["messageBytes"] == 727)
        for (name, rate) in result where name != "messageBytes" { #expect(rate > 0, "\(name)") }
    }

    @Test func theBreakdownAddsOneCasePerStep() throws {
        let result = try bench(["--breakdown"])
        let steps = result.keys.filter { $0.hasPrefix("r") || $0.hasPrefix("s") }
        #expect(steps.count == 12)
        #expect(steps.contains("r1 + Vias"))
        #expect(steps.contains("s3 + push Via, serialize"))
        for name in steps { #expect((result[name] ?? 0) > 0, "\(name)") }
    }

    @Test func onlyRunsTheCasesNamedByItsPrefix() throws {
        let result = try bench(["--breakdown", "--only", "s"])
        #expect(Set(result.keys.filter { $0 != "messageBytes" }).allSatisfy { $0.hasPrefix("s") })
        #expect(result.keys.count == 5)
    }
}
