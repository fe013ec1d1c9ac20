import Dispatch

#if canImport(Glibc)
import Glibc
#endif

/// Waits for SIGINT or SIGTERM (Ctrl-C, `kill`), or a time limit, so commands shut down cleanly.
enum SignalWaiter {
    /// Returns when a signal arrives or `seconds` pass (0: no limit). Returns the signal's name.
    @discardableResult
    static func wait(seconds: Double = 0) async throws -> String {
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let queue = DispatchQueue(label: "repro.signals")
        return await withCheckedContinuation { (continuation: CheckedContinuation<String, Never>) in
            let once = Once(continuation)
            var sources: [any DispatchSourceSignal] = []
            for (sig, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
                let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
                source.setEventHandler { once.resume(name) }
                source.resume()
                sources.append(source)
            }
            if seconds > 0 {
                queue.asyncAfter(deadline: .now() + seconds) { once.resume("time limit") }
            }
            once.keep(sources)
        }
    }

    /// Resumes a continuation at most once and keeps the signal sources alive until then.
    private final class Once: @unchecked Sendable {
        private var continuation: CheckedContinuation<String, Never>?
        private var sources: [any DispatchSourceSignal] = []
        private let lock = NSLockLike()

        init(_ c: CheckedContinuation<String, Never>) { continuation = c }

        func keep(_ s: [any DispatchSourceSignal]) { lock.run { sources = s } }

        func resume(_ name: String) {
            let c: CheckedContinuation<String, Never>? = lock.run {
                defer { continuation = nil }
                return continuation
            }
            c?.resume(returning: name)
        }
    }
}

/// A tiny mutex over pthread, so this file needs no Foundation.
final class NSLockLike: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    init() { pthread_mutex_init(&mutex, nil) }
    deinit { pthread_mutex_destroy(&mutex) }
    func run<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return body()
    }
}
