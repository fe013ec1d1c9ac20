import Foundation
import NIOCore

/// The engine's two clocks, injected so that tests run on virtual time.
///
/// `now` is monotonic (binding deadlines, nonce ages, lockouts); `wallSeconds`
/// is calendar time, used only where a peer must see it (the Date header).
public struct EngineClock: Sendable {
    /// Monotonic time.
    public var now: @Sendable () -> NIODeadline
    /// Seconds since 1970-01-01 UTC.
    public var wallSeconds: @Sendable () -> Int

    public init(now: @escaping @Sendable () -> NIODeadline, wallSeconds: @escaping @Sendable () -> Int) {
        self.now = now
        self.wallSeconds = wallSeconds
    }

    /// The process's real clocks.
    public static let system = EngineClock(now: { NIODeadline.now() },
                                           wallSeconds: { Int(Date().timeIntervalSince1970) })
}
