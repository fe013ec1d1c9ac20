import Synchronization

/// The live counters behind `TransportStatistics`: lock-free, updated from every event loop.
final class TransportCounters: Sendable {
    let received = Atomic<Int>(0)
    let sent = Atomic<Int>(0)
    let sendFailures = Atomic<Int>(0)
    let droppedUnparsable = Atomic<Int>(0)
    let droppedOversized = Atomic<Int>(0)
    let errorResponsesSent = Atomic<Int>(0)
    let keepAlivesAnswered = Atomic<Int>(0)
    let connectionsAccepted = Atomic<Int>(0)
    let connectionsOpened = Atomic<Int>(0)
    let connectionsRefused = Atomic<Int>(0)
    let connectionsTimedOut = Atomic<Int>(0)

    func snapshot(connectionsOpen: Int) -> TransportStatistics {
        var s = TransportStatistics()
        s.messagesReceived = received.load(ordering: .relaxed)
        s.messagesSent = sent.load(ordering: .relaxed)
        s.sendFailures = sendFailures.load(ordering: .relaxed)
        s.droppedUnparsable = droppedUnparsable.load(ordering: .relaxed)
        s.droppedOversized = droppedOversized.load(ordering: .relaxed)
        s.errorResponsesSent = errorResponsesSent.load(ordering: .relaxed)
        s.keepAlivesAnswered = keepAlivesAnswered.load(ordering: .relaxed)
        s.connectionsOpen = connectionsOpen
        s.connectionsAccepted = connectionsAccepted.load(ordering: .relaxed)
        s.connectionsOpened = connectionsOpened.load(ordering: .relaxed)
        s.connectionsRefused = connectionsRefused.load(ordering: .relaxed)
        s.connectionsTimedOut = connectionsTimedOut.load(ordering: .relaxed)
        return s
    }
}

extension Atomic where Value == Int {
    /// Adds one, with relaxed ordering (statistics need no ordering with other memory).
    func increment() { wrappingAdd(1, ordering: .relaxed) }
}
