import NIOCore
import SIPCore

/// An INVITE or non-INVITE server transaction (RFC 3261 §17.2.1, §17.2.2, RFC 6026 §7.1).
///
/// The TU answers through `respond(_:)`. Lives on one event loop: every method
/// must be called on `loop` (use `respondFromAnyThread` otherwise).
public final class ServerTransaction: @unchecked Sendable {
    public let key: TransactionKey
    /// The request that created the transaction. A non-INVITE transaction lets go of it
    /// once its final response is sent (only that response is needed for retransmissions,
    /// RFC 3261 §17.2.2), so that the thousands of transactions waiting out Timer J under
    /// load hold little memory; after that this is an empty placeholder.
    public var request: SipMessage { storedRequest ?? Self.released }
    private var storedRequest: SipMessage?
    /// The request's Call-ID, kept for the transaction log.
    public let callID: String?
    public let source: SipSource
    public let loop: any EventLoop
    public private(set) var state: TransactionState
    public var isInvite: Bool { key.method == .invite }
    /// For a CANCEL: the INVITE server transaction it matched (RFC 3261 §9.2), if any.
    public internal(set) var cancelledInvite: ServerTransaction?
    /// Anything the TU wants to keep with the transaction (the proxy keeps its request
    /// context here, so a CANCEL finds it). Touched only on `loop`.
    public var userContext: AnyObject?
    /// The last response sent, if any. A completed non-INVITE transaction keeps only the
    /// response's bytes (all a retransmission needs) and parses them back on demand.
    public var lastResponse: SipMessage? {
        if let storedResponse { return storedResponse }
        return finalResponseBytes.flatMap { try? SipMessage.parse($0) }
    }
    private var storedResponse: SipMessage?
    private var finalResponseBytes: [UInt8]?

    let timers: TransactionTimers
    /// The timers of the transaction's loop; a TU answering on that loop may start its own here.
    public let timerQueue: TimerQueue
    let transport: any TransactionTransport
    let destination: SipDestination
    /// The layer holding this transaction, told of each state change (it publishes the change
    /// and, at the end, drops the transaction from its shard's table). A weak reference and a
    /// shard index rather than a closure, so that a transaction costs no closure allocation.
    weak var layer: TransactionLayer?
    var shardIndex = 0
    /// Told when an INVITE server transaction gives up waiting for the ACK (Timer H) or the transport fails.
    weak var failureUser: (any TransactionUser)?

    /// What `request` returns once the request is released.
    static let released = SipMessage(method: SipMethod("RELEASED"), uri: .sip(SipURI(host: "released.invalid")))

    private var retransmitTimer: TimerHandle?
    private var retransmitInterval: TimeAmount
    private var timeoutTimer: TimerHandle?
    private var cleanupTimer: TimerHandle?

    init(request: SipMessage, key: TransactionKey, source: SipSource, responseDestination: SipDestination,
         loop: any EventLoop, timers: TransactionTimers, timerQueue: TimerQueue, transport: any TransactionTransport) {
        self.storedRequest = request
        self.callID = request[.callID]
        self.key = key
        self.source = source
        self.destination = responseDestination
        self.loop = loop
        self.timers = timers
        self.timerQueue = timerQueue
        self.transport = transport
        self.state = key.method == .invite ? .proceeding : .trying
        self.retransmitInterval = timers.t1
    }

    private var isReliable: Bool { source.transport.isReliable }

    /// Sends a response from the TU (§17.2.1, §17.2.2); ignored once a final response was sent,
    /// except 2xx retransmissions while Accepted (RFC 6026 §7.1).
    public func respond(_ response: SipMessage) {
        loop.preconditionInEventLoop()
        let code = response.statusCode
        switch (isInvite, state, code) {
        case (true, .proceeding, 100...199), (false, .trying, 100...199), (false, .proceeding, 100...199):
            storedResponse = response
            if !isInvite { enter(.proceeding) }
            send(response)
        case (true, .proceeding, 200...299):
            send(response)
            // RFC 6026 §7.1: Accepted absorbs INVITE retransmissions (they need no answer:
            // the TU retransmits its 2xx itself); Timer L ends it. Nothing is resent from
            // here, so the request and responses are let go.
            storedResponse = nil
            storedRequest = nil
            enter(.accepted)
            cleanupTimer = timerQueue.schedule(in: timers.sixtyFourT1) { [self] in self.terminate(.normal) }
        case (true, .accepted, 200...299):
            send(response)  // the TU retransmits its 2xx itself
        case (true, .proceeding, 300...699):
            storedResponse = response
            send(response)
            enter(.completed)
            if !isReliable {
                scheduleRetransmit(after: timers.t1)  // Timer G
            }
            timeoutTimer = timerQueue.schedule(in: timers.sixtyFourT1) { [self] in self.ackTimedOut() }  // Timer H
        case (false, .trying, 200...699), (false, .proceeding, 200...699):
            // Keep only what a retransmission needs: the response's bytes (one buffer, shared
            // with the layer's record below).
            let bytes = response.serialize()
            send(bytes: bytes)
            finalResponseBytes = bytes
            storedResponse = nil
            storedRequest = nil
            enter(.completed)
            // Timer J: zero over reliable transports, 64·T1 over unreliable ones (§17.2.2).
            if isReliable {
                terminate(.normal)
            } else if let layer {
                // The layer's table keeps a small record in this transaction's place.
                layer.retire(self, response: bytes)
            } else {
                cleanupTimer = timerQueue.schedule(in: timers.sixtyFourT1) { [self] in self.terminate(.normal) }
            }
        default:
            break
        }
    }

    /// Sends a final response to a non-INVITE request and ends the transaction at once,
    /// without waiting out Timer J: for answers that a retransmission may simply get anew,
    /// as from a stateless UAS (RFC 3261 §8.2.7), such as a digest challenge (a stateless
    /// nonce). A retransmission then starts a new transaction and is answered again. An
    /// INVITE keeps its transaction (its non-2xx must absorb the ACK, §17.2.1), as does a
    /// provisional response.
    public func respondAndForget(_ response: SipMessage) {
        loop.preconditionInEventLoop()
        guard !isInvite, state == .trying || state == .proceeding, response.statusCode >= 200 else {
            return respond(response)
        }
        storedResponse = nil
        storedRequest = nil
        send(response)
        enter(.completed)
        terminate(.normal)
    }

    /// `respond` from any thread: hops to the transaction's loop.
    public func respondFromAnyThread(_ response: SipMessage) {
        if loop.inEventLoop { respond(response) } else { loop.execute { self.respond(response) } }
    }

    /// A retransmission of the request (§17.2.1, §17.2.2): the last response is sent again.
    func receiveRetransmission() {
        switch state {
        case .proceeding, .completed:
            if let finalResponseBytes {
                send(bytes: finalResponseBytes)
            } else if let storedResponse {
                send(storedResponse)
            }
        default:
            break  // Trying has nothing to resend; Accepted and Confirmed absorb it
        }
    }

    /// An ACK matched to this INVITE transaction (for a non-2xx final response).
    func receiveAck() {
        guard state == .completed else { return }
        enter(.confirmed)
        retransmitTimer?.cancel()
        timeoutTimer?.cancel()
        // Timer I: T4 over unreliable transports, zero over reliable ones (§17.2.1).
        let i = isReliable ? TimeAmount.zero : timers.t4
        cleanupTimer = timerQueue.schedule(in: i) { [self] in self.terminate(.normal) }
    }

    private func scheduleRetransmit(after interval: TimeAmount) {
        retransmitInterval = interval
        retransmitTimer = timerQueue.schedule(in: interval) { [self] in
            // Timer G: resend the final response, doubling up to T2 (§17.2.1).
            guard self.state == .completed, let last = self.storedResponse else { return }
            self.send(last)
            self.scheduleRetransmit(after: self.timers.next(after: self.retransmitInterval, capped: true))
        }
    }

    private func ackTimedOut() {
        guard state == .completed else { return }
        failureUser?.serverTransactionFailed(self, end: .timeout)
        terminate(.timeout)
    }

    private func send(_ response: SipMessage) {
        transport.send(response, to: destination) { [self] error in self.sendFailed(error) }
    }

    private func send(bytes: [UInt8]) {
        transport.send(bytes: bytes, to: destination) { [self] error in self.sendFailed(error) }
    }

    /// A transport error ends the transaction (RFC 3261 §17.2.4).
    private func sendFailed(_ error: any Error) {
        loop.execute {
            guard self.state != .terminated else { return }
            self.failureUser?.serverTransactionFailed(self, end: .transportError("\(error)"))
            self.terminate(.transportError("\(error)"))
        }
    }

    private func enter(_ newState: TransactionState) {
        guard newState != state else { return }
        state = newState
        layer?.serverTransaction(self, entered: newState, end: nil)
    }

    /// Ends the transaction at once (also used at shutdown).
    func terminate(_ end: TransactionEnd) {
        guard state != .terminated else { return }
        retransmitTimer?.cancel()
        timeoutTimer?.cancel()
        cleanupTimer?.cancel()
        retransmitTimer = nil
        timeoutTimer = nil
        cleanupTimer = nil
        cancelledInvite = nil
        userContext = nil
        state = .terminated
        layer?.serverTransaction(self, entered: .terminated, end: end)
    }
}
