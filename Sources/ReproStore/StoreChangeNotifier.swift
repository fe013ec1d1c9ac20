/// Delivers committed store changes to observers: caches, the proxy, the console.
///
/// Observers are called synchronously on the thread that committed the write,
/// after the commit, so a handler must be quick (invalidate an entry, enqueue
/// work). `changes()` offers the same stream as an `AsyncStream` for async code.
///
/// Only writes made through this process's store are seen; a write by another
/// process (the CLI while `repro serve` runs) reaches the engine through the
/// control API, not through this notifier.
public final class StoreChangeNotifier: Sendable {
    private struct State {
        var nextToken: UInt64 = 1
        var observers: [UInt64: @Sendable (StoreChange) -> Void] = [:]
    }

    /// Cancels an observation when `cancel()` is called.
    public struct Observation: Sendable {
        fileprivate let token: UInt64
        fileprivate weak var notifier: StoreChangeNotifier?

        /// Stops delivering changes to this observer.
        public func cancel() { notifier?.remove(token) }
    }

    private let state = LockedValue(State())

    /// Creates a notifier with no observers.
    public init() {}

    /// Calls `handler` for every committed change until the observation is cancelled.
    @discardableResult
    public func observe(_ handler: @escaping @Sendable (StoreChange) -> Void) -> Observation {
        let token = state.withLock { s -> UInt64 in
            let t = s.nextToken
            s.nextToken += 1
            s.observers[t] = handler
            return t
        }
        return Observation(token: token, notifier: self)
    }

    /// The committed changes as an async sequence; ends its observation when the stream terminates.
    public func changes(bufferingNewest limit: Int = 1024) -> AsyncStream<StoreChange> {
        AsyncStream(bufferingPolicy: .bufferingNewest(limit)) { continuation in
            let observation = observe { continuation.yield($0) }
            continuation.onTermination = { _ in observation.cancel() }
        }
    }

    /// Publishes committed changes to every observer, in order.
    func publish(_ changes: [StoreChange]) {
        guard !changes.isEmpty else { return }
        // Copy the handlers out so a handler may observe or cancel without deadlocking.
        let handlers = state.withLock { Array($0.observers.sorted { $0.key < $1.key }.map(\.value)) }
        for change in changes {
            for handler in handlers { handler(change) }
        }
    }

    private func remove(_ token: UInt64) {
        _ = state.withLock { $0.observers.removeValue(forKey: token) }
    }
}
