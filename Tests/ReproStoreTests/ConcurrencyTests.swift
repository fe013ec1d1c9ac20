import Dispatch
import Foundation
import ReproStore
import Testing

@Suite("Concurrent use, on every backend")
struct ConcurrencyTests {
    @Test(arguments: Backend.allCases)
    func concurrentWritersAndReadersLoseNothing(backend: Backend) throws {
        try withStore(backend) { (store: DataStore) throws in
            let writers = 4, perWriter = 50
            let failures = FailureCounter()
            DispatchQueue.concurrentPerform(iterations: writers * 2) { worker in
                for i in 0..<perWriter {
                    do {
                        if worker < writers {
                            try store.addUser(sampleUser("w\(worker)-\(i)"))
                        } else {
                            // Readers scan while writers split pages under them.
                            _ = try store.users(domain: "example.com")
                        }
                    } catch {
                        failures.record()
                    }
                }
            }
            #expect(failures.count == 0)
            #expect(try store.userCount() == writers * perWriter)
        }
    }
}

/// Counts failures from several threads.
final class FailureCounter: @unchecked Sendable {
    // @unchecked: `value` is only touched under `lock`.
    private let lock = NSLock()
    private var value = 0

    func record() { lock.withLock { value += 1 } }
    var count: Int { lock.withLock { value } }
}
