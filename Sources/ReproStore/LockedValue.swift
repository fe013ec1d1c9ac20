import Foundation

/// A value guarded by a lock: the small shared state (observer lists, caches)
/// that several threads touch, held only for the length of a closure.
///
/// `NSLock` rather than `Synchronization.Mutex` because the package still
/// supports macOS 14, where `Mutex` is unavailable.
final class LockedValue<Value>: @unchecked Sendable {
    // @unchecked: every access to `value` goes through `lock`.
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    /// Runs `body` with exclusive access to the value.
    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
