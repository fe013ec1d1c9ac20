import Synchronization

/// The live counters behind `TransportStatistics`: lock-free, updated from every event loop.
final class TransportCounters: Sendable {
    let received = Atomic<Int>(0)
    let requestsReceived = Atomic<Int>(0)
    let sent = Atomic<Int>(0)
    // Responses written, by class (1xx … 6xx).
    let sent1xx = Atomic<Int>(0)
    let sent2xx = Atomic<Int>(0)
    let sent3xx = Atomic<Int>(0)
    let sent4xx = Atomic<Int>(0)
    let sent5xx = Atomic<Int>(0)
    let sent6xx = Atomic<Int>(0)
    let sendFailures = Atomic<Int>(0)
    let droppedUnparsable = Atomic<Int>(0)
    let droppedOversized = Atomic<Int>(0)
    let errorResponsesSent = Atomic<Int>(0)
    let keepAlivesAnswered = Atomic<Int>(0)
    let connectionsAccepted = Atomic<Int>(0)
    let connectionsOpened = Atomic<Int>(0)
    let connectionsRefused = Atomic<Int>(0)
    let connectionsTimedOut = Atomic<Int>(0)

    /// Counts one message written: a response also by its class, read from its status line.
    func countSent(_ bytes: [UInt8]) {
        sent.increment()
        // "SIP/2.0 NNN": the class digit is the ninth byte.
        guard bytes.count > 8, bytes[0] == UInt8(ascii: "S"), bytes[7] == 0x20, bytes[3] == UInt8(ascii: "/") else { return }
        switch bytes[8] {
        case UInt8(ascii: "1"): sent1xx.increment()
        case UInt8(ascii: "2"): sent2xx.increment()
        case UInt8(ascii: "3"): sent3xx.increment()
        case UInt8(ascii: "4"): sent4xx.increment()
        case UInt8(ascii: "5"): sent5xx.increment()
        case UInt8(ascii: "6"): sent6xx.increment()
        default: break
        }
    }

    func snapshot(connectionsOpen: Int) -> TransportStatistics {
        var s = TransportStatistics()
        s.messagesReceived = received.load(ordering: .relaxed)
        s.requestsReceived = requestsReceived.load(ordering: .relaxed)
        s.messagesSent = sent.load(ordering: .relaxed)
        s.responsesSent = [sent1xx.load(ordering: .relaxed), sent2xx.load(ordering: .relaxed),
                           sent3xx.load(ordering: .relaxed), sent4xx.load(ordering: .relaxed),
                           sent5xx.load(ordering: .relaxed), sent6xx.load(ordering: .relaxed)]
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
