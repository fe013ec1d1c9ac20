import NIOCore

extension LocationService {
    /// Runs `reap(now:)` on `loop` every `interval` (by default each second) until the
    /// returned task is cancelled: the engine's expiry timer.
    @discardableResult
    public func scheduleReaper(on loop: any EventLoop, every interval: TimeAmount = .seconds(1),
                               clock: EngineClock = .system) -> RepeatedTask {
        loop.scheduleRepeatedTask(initialDelay: interval, delay: interval) { [weak self] _ in
            _ = self?.reap(now: clock.now())
        }
    }
}
