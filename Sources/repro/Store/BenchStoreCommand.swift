import ArgumentParser
import Foundation
import ReproStore

/// `repro bench store`: how fast the Berkeley DB store is on this machine.
///
/// Imports N users, then measures uncached lookups (each a B-tree read),
/// cached lookups (`UserCache` hits) and single-user writes (each its own
/// durable transaction). Build with `-c release` for meaningful figures.
struct BenchStoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Store benchmark: lookups/s (cached, uncached), writes/s, import time.")

    @Option(help: "How many users to import.") var users = 100_000
    @Option(help: "How many lookups to time.") var lookups = 200_000
    @Option(help: "How many single-user writes to time.") var writes = 2_000
    @Option(help: "Benchmark in this directory (default: a temporary one, removed afterwards); it must be empty.")
    var dataDir: String?

    func run() throws {
        let directory = dataDir ?? NSTemporaryDirectory() + "repro-bench-store-\(getpid())"
        if FileManager.default.fileExists(atPath: directory),
           !(try FileManager.default.contentsOfDirectory(atPath: directory)).isEmpty {
            throw StoreCommandError("\(directory) is not empty; the benchmark needs a store of its own")
        }
        defer { if dataDir == nil { try? FileManager.default.removeItem(atPath: directory) } }
        let store = try DataStore.openBerkeleyDB(directory: directory)
        defer { store.close() }
        try store.addDomain(DomainRecord(name: "bench.example"))

        let document = StoreDocument(users: (0..<users).map {
            .init(user: "user\($0)", domain: "bench.example", password: "password\($0)")
        })
        let importTime = try time { try store.importDocument(document) }
        report("import \(users) users (passwords hashed)", seconds: importTime, count: users, unit: "users/s")

        var generator = SplitMix(seed: 42)
        let names = (0..<lookups).map { _ in "user\(Int(generator.next() % UInt64(max(users, 1))))" }
        let uncached = try time {
            for name in names where try store.user(name, domain: "bench.example") == nil {
                throw StoreCommandError("lookup of \(name) failed")
            }
        }
        report("uncached lookups", seconds: uncached, count: lookups, unit: "lookups/s")

        let cache = UserCache(store: store, capacity: users + 1)
        for name in names { _ = try cache.user(name, domain: "bench.example") } // warm
        let cached = try time {
            for name in names where try cache.user(name, domain: "bench.example") == nil {
                throw StoreCommandError("lookup of \(name) failed")
            }
        }
        report("cached lookups", seconds: cached, count: lookups, unit: "lookups/s")

        let ha1 = String(repeating: "0", count: 32)
        let writeTime = try time {
            for i in 0..<writes {
                try store.addUser(UserRecord(user: "writer\(i)", domain: "bench.example", realm: "bench.example",
                                             ha1: ha1, ha1Sha256: ""))
            }
        }
        report("writes (one durable transaction each)", seconds: writeTime, count: writes, unit: "writes/s")
    }

    private func time(_ body: () throws -> Void) throws -> Double {
        let start = ContinuousClock.now
        try body()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    private func report(_ what: String, seconds: Double, count: Int, unit: String) {
        let rate = seconds > 0 ? Double(count) / seconds : 0
        print("\(what.padding(toLength: 40, withPad: " ", startingAt: 0)) "
            + String(format: "%9.3f s  %12.0f %@", seconds, rate, unit))
    }

    /// A small deterministic generator, so every run looks up the same users.
    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
