import Logging
import NIOCore
import Synchronization

/// Logs at most one line per interval; the lines in between are counted and the
/// count is reported with the next line, so bad input cannot flood the log.
final class RateLimitedLogger: Sendable {
    private struct State {
        var next: NIODeadline = .uptimeNanoseconds(0)
        var suppressed = 0
    }

    let logger: Logger
    let interval: TimeAmount
    private let state = Mutex(State())

    init(logger: Logger, interval: TimeAmount) {
        self.logger = logger
        self.interval = interval
    }

    /// Logs `message` at `level` unless a line was logged less than `interval` ago.
    func log(_ level: Logger.Level, _ message: @autoclosure () -> String) {
        guard logger.logLevel <= level else { return }
        let now = NIODeadline.now()
        let interval = self.interval
        let suppressed: Int? = state.withLock { s in
            guard now >= s.next else {
                s.suppressed += 1
                return nil
            }
            let n = s.suppressed
            s.suppressed = 0
            s.next = now + interval
            return n
        }
        guard let suppressed else { return }
        let suffix = suppressed > 0 ? " (\(suppressed) similar not logged)" : ""
        logger.log(level: level, "\(message())\(suffix)")
    }
}
