import NIOCore
import SIPCore

/// What a client transaction tells its TU.
public enum ClientTransactionEvent: Sendable {
    /// A response: provisional, final, or (RFC 6026 Accepted) a retransmitted 2xx.
    case response(SipMessage)
    /// Timer B or F ran out: treat as a 408 (RFC 3261 §17.1.1.2, §17.1.2.2).
    case timeout
    /// The transport failed: treat as a 503 (RFC 3261 §8.1.3.1, §17.1.4).
    case transportError(String)
}

/// An INVITE or non-INVITE client transaction (RFC 3261 §17.1.1, §17.1.2, RFC 6026 §7.2).
///
/// Lives on one event loop: every method must be called on `loop`, and events
/// reach the TU there.
public final class ClientTransaction: @unchecked Sendable {
    public let key: TransactionKey
    /// The request sent. Let go once a final response has arrived (nothing is resent
    /// after that; the ACK for a non-2xx is built as it arrives), so that the many
    /// transactions waiting out Timers D, K and M hold little; then a placeholder.
    public var request: SipMessage { storedRequest ?? ServerTransaction.released }
    private var storedRequest: SipMessage?
    /// The request's Call-ID, kept for the transaction log.
    public let callID: String?
    public let destination: SipDestination
    public let loop: any EventLoop
    public private(set) var state: TransactionState
    public var isInvite: Bool { key.method == .invite }

    let timers: TransactionTimers
    let timerQueue: TimerQueue
    let transport: any TransactionTransport
    /// The TU's handler; let go when the transaction ends, so whatever it captured (a proxy
    /// keeps its request context there, and the context keeps the transaction) is freed.
    private var handler: ((ClientTransactionEvent) -> Void)?
    /// Told of every state change (for the event stream) and of the end (to drop the transaction).
    var observer: ((ClientTransaction, TransactionState, TransactionEnd?) -> Void)?

    private var ack: SipMessage?
    private var retransmitTimer: TimerHandle?
    private var retransmitInterval: TimeAmount
    private var timeoutTimer: TimerHandle?
    private var cleanupTimer: TimerHandle?

    init(request: SipMessage, key: TransactionKey, destination: SipDestination, loop: any EventLoop,
         timers: TransactionTimers, timerQueue: TimerQueue, transport: any TransactionTransport,
         handler: @escaping (ClientTransactionEvent) -> Void) {
        self.storedRequest = request
        self.callID = request[.callID]
        self.key = key
        self.destination = destination
        self.loop = loop
        self.timers = timers
        self.timerQueue = timerQueue
        self.transport = transport
        self.handler = handler
        self.state = key.method == .invite ? .calling : .trying
        self.retransmitInterval = timers.t1
    }

    private var isReliable: Bool { destination.transport.isReliable }

    /// Sends the request and starts Timers A/B (INVITE) or E/F (non-INVITE).
    func start() {
        loop.preconditionInEventLoop()
        send(request)
        if !isReliable {
            scheduleRetransmit(after: timers.t1)
        }
        // Timer B (§17.1.1.2) / Timer F (§17.1.2.2): 64·T1 on every transport.
        timeoutTimer = timerQueue.schedule(in: timers.sixtyFourT1) { [self] in self.timedOut() }
    }

    private func send(_ message: SipMessage) {
        transport.send(message, to: destination) { [self] error in
            self.loop.execute { self.transportFailed(error) }
        }
    }

    private func scheduleRetransmit(after interval: TimeAmount) {
        retransmitInterval = interval
        retransmitTimer = timerQueue.schedule(in: interval) { [self] in self.retransmit() }
    }

    /// Timer A (§17.1.1.2: doubles without cap) or Timer E (§17.1.2.2: doubles up to T2; T2 once proceeding).
    private func retransmit() {
        switch state {
        case .calling:
            send(request)
            scheduleRetransmit(after: timers.next(after: retransmitInterval, capped: false))
        case .trying:
            send(request)
            scheduleRetransmit(after: timers.next(after: retransmitInterval, capped: true))
        case .proceeding where !isInvite:
            send(request)
            scheduleRetransmit(after: timers.t2)
        default:
            break
        }
    }

    private func timedOut() {
        // Timer B fires only while Calling; Timer F while Trying or Proceeding.
        let running = state == .calling || state == .trying || (state == .proceeding && !isInvite)
        guard running else { return }
        handler?(.timeout)
        terminate(.timeout)
    }

    private func transportFailed(_ error: any Error) {
        guard state != .terminated else { return }
        // After a final response a failed ACK or retransmission no longer matters to the TU.
        if state == .calling || state == .trying || state == .proceeding {
            handler?(.transportError("\(error)"))
        }
        terminate(.transportError("\(error)"))
    }

    /// A response matched to this transaction (§17.1.3).
    func receive(_ response: SipMessage) {
        loop.preconditionInEventLoop()
        let code = response.statusCode
        if isInvite {
            receiveInvite(response, code: code)
        } else {
            receiveNonInvite(response, code: code)
        }
    }

    private func receiveInvite(_ response: SipMessage, code: Int) {
        switch (state, code) {
        case (.calling, 100...199), (.proceeding, 100...199):
            enter(.proceeding)
            retransmitTimer?.cancel()
            handler?(.response(response))
        case (.calling, 200...299), (.proceeding, 200...299):
            // RFC 6026 §7.2: Accepted, so that 2xx retransmissions still reach the TU.
            enter(.accepted)
            cancelTimers()
            storedRequest = nil
            handler?(.response(response))
            cleanupTimer = timerQueue.schedule(in: timers.sixtyFourT1) { [self] in self.terminate(.normal) }  // Timer M
        case (.accepted, 200...299):
            handler?(.response(response))
        case (.calling, 300...699), (.proceeding, 300...699):
            enter(.completed)
            cancelTimers()
            // §17.1.1.3: the transaction itself ACKs a non-2xx final response.
            let ack = Helper.makeAck(for: request, response: response)
            self.ack = ack
            storedRequest = nil
            send(ack)
            handler?(.response(response))
            let d = isReliable ? TimeAmount.zero : timers.timerD
            cleanupTimer = timerQueue.schedule(in: d) { [self] in self.terminate(.normal) }
        case (.completed, 300...699):
            if let ack { send(ack) }  // a retransmitted final response gets the ACK again
        default:
            break  // late provisional responses and the like are absorbed
        }
    }

    private func receiveNonInvite(_ response: SipMessage, code: Int) {
        switch (state, code) {
        case (.trying, 100...199), (.proceeding, 100...199):
            enter(.proceeding)
            handler?(.response(response))
        case (.trying, 200...699), (.proceeding, 200...699):
            enter(.completed)
            cancelTimers()
            storedRequest = nil
            handler?(.response(response))
            // Timer K: T4 over unreliable transports, zero over reliable ones (§17.1.2.2).
            let k = isReliable ? TimeAmount.zero : timers.t4
            cleanupTimer = timerQueue.schedule(in: k) { [self] in self.terminate(.normal) }
        default:
            break  // retransmitted final responses are absorbed in Completed
        }
    }

    private func enter(_ newState: TransactionState) {
        guard newState != state else { return }
        state = newState
        observer?(self, newState, nil)
    }

    private func cancelTimers() {
        retransmitTimer?.cancel()
        timeoutTimer?.cancel()
        retransmitTimer = nil
        timeoutTimer = nil
    }

    /// Ends the transaction at once (also used at shutdown).
    func terminate(_ end: TransactionEnd) {
        guard state != .terminated else { return }
        cancelTimers()
        cleanupTimer?.cancel()
        cleanupTimer = nil
        state = .terminated
        observer?(self, .terminated, end)
        handler = nil
    }
}
