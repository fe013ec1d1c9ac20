import Foundation
import ReproStore
import Testing

/// The backends every behaviour test runs against: the suite is written once
/// and parameterized over this factory.
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case memory
    case berkeleyDB

    var testDescription: String { rawValue }

    /// Opens a fresh, empty store of this kind under `directory`.
    func makeStore(in directory: TemporaryDirectory) throws -> DataStore {
        switch self {
        case .memory: return DataStore.inMemory()
        case .berkeleyDB: return try DataStore.openBerkeleyDB(directory: directory.path("data"), cacheMegabytes: 4)
        }
    }
}

/// A directory under the system temporary directory, removed by `remove()`.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("repro-store-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ component: String) -> String { url.appendingPathComponent(component).path }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Runs `body` with a fresh store of `backend` that serves `domains`, then
/// closes the store and deletes its files.
func withStore<T>(_ backend: Backend, domains: [String] = ["example.com"],
                  _ body: (DataStore) throws -> T) throws -> T {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = try backend.makeStore(in: directory)
    defer { store.close() }
    for domain in domains { try store.addDomain(DomainRecord(name: domain)) }
    return try body(store)
}

/// A user of `example.com` with password `secret`.
func sampleUser(_ name: String = "alice", domain: String = "example.com") -> UserRecord {
    UserRecord(user: name, domain: domain, realm: domain, password: "secret",
               displayName: "Alice Liddell", email: "\(name)@mail.example.com")
}

/// Collects the changes a store publishes.
final class ChangeRecorder: @unchecked Sendable {
    // @unchecked: `changes` is only touched under `lock`.
    private let lock = NSLock()
    private var changes: [StoreChange] = []

    init(_ notifier: StoreChangeNotifier) {
        notifier.observe { [weak self] change in self?.append(change) }
    }

    private func append(_ change: StoreChange) {
        lock.lock()
        changes.append(change)
        lock.unlock()
    }

    var recorded: [StoreChange] {
        lock.lock()
        defer { lock.unlock() }
        return changes
    }
}
