import Dispatch
import Synchronization

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
    /// `sources` is written once, before `wait` returns to its caller, and only retained.
    private final class Once: @unchecked Sendable {
        private let continuation: Mutex<CheckedContinuation<String, Never>?>
        private var sources: [any DispatchSourceSignal] = []

        init(_ c: CheckedContinuation<String, Never>) { continuation = Mutex(c) }

        func keep(_ s: [any DispatchSourceSignal]) { sources = s }

        func resume(_ name: String) {
            let c = continuation.withLock { c -> CheckedContinuation<String, Never>? in
                defer { c = nil }
                return c
            }
            c?.resume(returning: name)
        }
    }
}
