import Foundation
import ReproStore
import Testing

/// A crash loses no acknowledged write: SIGKILL a process in the middle of a
/// stream of committed user writes, reopen with recovery, find every write.
@Suite("Store durability")
struct StoreDurabilityTests {
    @Test func everyAcknowledgedWriteSurvivesSIGKILL() throws {
        let cli = try StoreCLI()
        defer { cli.remove() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: StoreCLI.binary)
        process.arguments = ["db", "write-probe", "--domain", "probe.invalid", "--data-dir", cli.dataDir]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()

        // Let a few hundred writes commit, then kill the writer mid-stream.
        var received = Data()
        let reader = output.fileHandleForReading
        while received.filter({ $0 == UInt8(ascii: "\n") }).count < 300 {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            received.append(chunk)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        // Whatever the writer printed before dying is still in the pipe.
        received.append(reader.readDataToEndOfFile())
        let acknowledged = String(decoding: received, as: UTF8.self).split(separator: "\n")
            .filter { !$0.isEmpty }.map(String.init)
        // A kill may cut the last line short; only whole lines were acknowledged.
        let complete = received.last == UInt8(ascii: "\n") ? acknowledged : Array(acknowledged.dropLast())
        #expect(complete.count >= 300)

        let store = try DataStore.openBerkeleyDB(directory: cli.dataDir, cacheMegabytes: 4)
        defer { store.close() }
        let stored = Set(try store.users(domain: "probe.invalid").map(\.user))
        let missing = complete.filter { !stored.contains($0) }
        #expect(missing.isEmpty, "acknowledged but lost: \(missing.prefix(10))")
        #expect(try store.verify().allSatisfy { $0.problem == nil })
    }
}
