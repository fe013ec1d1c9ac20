import NIOCore
import SIPCore
import Synchronization

/// The RFC 3261 §17 transaction layer: matches messages to transactions, runs
/// their state machines, and hands new requests and stray responses to TUs.
///
/// Transactions are sharded across event loops by a hash of their branch, so a
/// transaction is only ever touched on its own loop (no locks on the message
/// path). A message read on another loop is handed over with `execute`.
public final class TransactionLayer: @unchecked Sendable {
    /// How a TU is chosen for a request: the first whose filter accepts it.
    struct Registration: Sendable {
        let tu: any TransactionUser
        let filter: @Sendable (SipMessage) -> Bool
    }

    let shards: [TransactionShard]
    let timers: TransactionTimers
    let transport: any TransactionTransport
    /// Where responses of a server transaction go (RFC 3261 §18.2.2); by default, back to the source.
    let responseRouter: @Sendable (SipMessage, SipSource) -> SipDestination
    /// Receives every transaction state change (the event stream) while `publishesEvents` is on.
    public let eventSink: (@Sendable (TransactionEvent) -> Void)?
    /// Whether state changes go to `eventSink` (on at first); the engine turns it off while
    /// nobody reads the transaction log.
    public var publishesEvents: Bool {
        get { publishing.load(ordering: .relaxed) }
        set { publishing.store(newValue, ordering: .relaxed) }
    }
    private let publishing = Atomic<Bool>(true)
    /// Whether INVITE server transactions send 100 Trying at once (RFC 3261 §17.2.1 allows the
    /// TU to do it within 200 ms instead; a proxy wants it at once, §16.2).
    public let sendsTryingImmediately: Bool

    public init(loops: [any EventLoop], timers: TransactionTimers = TransactionTimers(),
                transport: any TransactionTransport,
                sendsTryingImmediately: Bool = true,
                responseRouter: (@Sendable (SipMessage, SipSource) -> SipDestination)? = nil,
                eventSink: (@Sendable (TransactionEvent) -> Void)? = nil) {
        precondition(!loops.isEmpty, "the transaction layer needs at least one event loop")
        self.shards = loops.enumerated().map { TransactionShard(loop: $1, index: $0) }
        for shard in shards { shard.outbox = Array(repeating: [], count: loops.count) }
        self.timers = timers
        self.transport = transport
        self.sendsTryingImmediately = sendsTryingImmediately
        self.responseRouter = responseRouter ?? { _, source in SipDestination(replyingTo: source) }
        self.eventSink = eventSink
    }

    /// Adds a TU; requests go to the first TU whose `filter` accepts them. Each shard keeps
    /// its own copy of the list, so the message path reads it without a lock.
    @discardableResult
    public func addTransactionUser(_ tu: any TransactionUser,
                                   filter: @escaping @Sendable (SipMessage) -> Bool = { _ in true })
        -> EventLoopFuture<Void>
    {
        let registration = Registration(tu: tu, filter: filter)
        let futures = shards.map { s in
            if s.loop.inEventLoop {
                s.registrations.append(registration)
                return s.loop.makeSucceededVoidFuture()
            }
            return s.loop.submit { s.registrations.append(registration) }
        }
        return EventLoopFuture.andAllSucceed(futures, on: shards[0].loop)
    }

    private func transactionUser(for request: SipMessage, in shard: TransactionShard) -> (any TransactionUser)? {
        shard.registrations.first { $0.filter(request) }?.tu
    }

    // MARK: Sharding

    /// The shard of a Call-ID: FNV-1a over its bytes, stable for the process. Sharding by
    /// Call-ID keeps every transaction of a dialog (INVITE, CANCEL, the ACK, the BYE) and
    /// every branch a proxy forks on one loop, so they are handled in arrival order.
    func shard(forCallID callID: String) -> TransactionShard {
        if shards.count == 1 { return shards[0] }
        var h: UInt32 = 2_166_136_261
        for b in callID.utf8 { h = (h ^ UInt32(b)) &* 16_777_619 }
        return shards[Int(h % UInt32(shards.count))]
    }

    /// The event loop that owns the transactions of `callID`.
    public func loop(forCallID callID: String) -> any EventLoop { shard(forCallID: callID).loop }

    /// The timers of the event loop that owns the transactions of `callID`; a TU working
    /// on that loop (the proxy's Timer C) starts its timers here.
    public func timerQueue(forCallID callID: String) -> TimerQueue { shard(forCallID: callID).timerQueue }

    /// A new RFC 3261 branch; `prefix` (which must start with the magic cookie) is kept
    /// and a random part appended.
    public func newBranch(prefix: String? = nil) -> String {
        guard let prefix else { return Helper.newBranch() }
        return prefix + RandomToken.make(count: 10)
    }

    /// The number of live transactions (read on each shard's loop; approximate while busy).
    public func transactionCount() -> EventLoopFuture<Int> {
        let futures = shards.map { s in s.loop.submit { s.count } }
        return EventLoopFuture.reduce(0, futures, on: shards[0].loop, +)
    }

    // MARK: Incoming

    /// A parsed message from the transport, on the loop that read it.
    ///
    /// A message for another loop's shard waits in this loop's outbox until the burst of
    /// reads under way is over (a task queued on this loop runs after its I/O) or the outbox
    /// holds `handOverBatchLimit` messages, and the outbox then goes over in one `execute`:
    /// one hand-over, and at most one wake-up of the other loop, per batch rather than per
    /// message. Tasks run in the order queued, so messages keep their order per shard.
    public func receive(_ message: SipMessage, from source: SipSource) {
        guard let callID = message[.callID] else { return }
        let shard = shard(forCallID: callID)
        if shard.loop.inEventLoop {
            dispatch(message, from: source, shard: shard)
            return
        }
        guard let here = currentShard() else {
            // Read on a loop that holds no shard: hand it over at once.
            shard.loop.execute { self.dispatch(message, from: source, shard: shard) }
            return
        }
        here.outbox[shard.index].append((message, source))
        if here.outbox[shard.index].count >= Self.handOverBatchLimit {
            handOver(from: here, to: shard)
            return
        }
        if !here.outboxFlushQueued {
            here.outboxFlushQueued = true
            here.loop.execute { self.flushOutbox(of: here) }
        }
    }

    /// The shard of the loop we are on, if any.
    private func currentShard() -> TransactionShard? {
        for shard in shards where shard.loop.inEventLoop { return shard }
        return nil
    }

    /// Hands each non-empty outbox of `here` to its shard's loop in one task.
    private func flushOutbox(of here: TransactionShard) {
        here.outboxFlushQueued = false
        for target in shards where !here.outbox[target.index].isEmpty {
            handOver(from: here, to: target)
        }
    }

    /// Hands `here`'s outbox for `target` to `target`'s loop in one task.
    private func handOver(from here: TransactionShard, to target: TransactionShard) {
        let batch = here.outbox[target.index]
        here.outbox[target.index] = []
        target.loop.execute {
            for item in batch { self.dispatch(item.message, from: item.source, shard: target) }
        }
    }

    /// The most messages an outbox holds before it is handed over without waiting for the
    /// end of the read burst. A burst is up to 128 datagrams (four `recvmmsg` of 32); held
    /// back to its end, the other loop's share arrived as one task of up to ~10 ms, and a
    /// digest registration at 8,000/s over UDP saw p99 12–25 ms. In batches of eight the
    /// other loop starts at once and p99 was 7–8.5 ms, at the same CPU per registration.
    static let handOverBatchLimit = 8

    private func dispatch(_ message: SipMessage, from source: SipSource, shard: TransactionShard) {
        if message.isRequest {
            receiveRequest(message, from: source, shard: shard)
        } else {
            receiveResponse(message, from: source, shard: shard)
        }
    }

    private func receiveRequest(_ request: SipMessage, from source: SipSource, shard: TransactionShard) {
        guard let key = try? TransactionKey.server(for: request) else { return }
        let method = request.method
        if method == .ack {
            // §17.2.3: an ACK matches the INVITE transaction when it acknowledges a non-2xx;
            // an ACK for a 2xx (Accepted, or no transaction left) goes to the TU.
            if let st = shard.servers[key], st.state == .completed || st.state == .confirmed {
                st.receiveAck()
                return
            }
            transactionUser(for: request, in: shard)?.handleRequest(request, transaction: nil, source: source)
            return
        }
        if let existing = shard.servers[key] {
            existing.receiveRetransmission()
            return
        }
        let st = ServerTransaction(request: request, key: key, source: source,
                                   responseDestination: responseRouter(request, source),
                                   loop: shard.loop, timers: timers, timerQueue: shard.timerQueue,
                                   transport: transport)
        shard.servers[key] = st
        st.layer = self
        st.shardIndex = shard.index
        publish(.server, key, st.state, nil, callID: st.callID)
        if method == .cancel {
            st.cancelledInvite = shard.servers[key.invite]
        }
        guard let tu = transactionUser(for: request, in: shard) else {
            st.respond(Helper.makeResponse(to: request, code: 501))
            return
        }
        st.failureUser = tu
        if method == .invite && sendsTryingImmediately {
            st.respond(Helper.makeResponse(to: request, code: 100))
        }
        tu.handleRequest(request, transaction: st, source: source)
    }

    private func receiveResponse(_ response: SipMessage, from source: SipSource, shard: TransactionShard) {
        guard let key = try? TransactionKey.client(for: response) else { return }
        if let ct = shard.clients[key] {
            ct.receive(response)
            return
        }
        // §16.7 step 1 / §17.1.3: no match — the TU decides (a proxy forwards it statelessly).
        shard.registrations.first?.tu.handleStrayResponse(response, source: source)
    }

    // MARK: Outgoing

    /// Starts a client transaction for `request` (whose top Via must carry the branch) toward
    /// `destination`. Call on the loop of the request's Call-ID (`loop(forCallID:)`); the handler
    /// runs there.
    @discardableResult
    public func sendRequest(_ request: SipMessage, to destination: SipDestination,
                            handler: @escaping (ClientTransactionEvent) -> Void) throws -> ClientTransaction {
        let key = try TransactionKey.client(forRequest: request)
        let shard = shard(forCallID: try request.get(.callID))
        shard.loop.preconditionInEventLoop()
        let ct = ClientTransaction(request: request, key: key, destination: destination, loop: shard.loop,
                                   timers: timers, timerQueue: shard.timerQueue, transport: transport,
                                   handler: handler)
        shard.clients[key] = ct
        ct.observer = { [weak self, unowned shard] t, state, end in
            self?.publish(.client, t.key, state, end, callID: t.callID)
            if state == .terminated { shard.clients[t.key] = nil }
        }
        publish(.client, key, ct.state, nil, callID: ct.callID)
        ct.start()
        return ct
    }

    /// Sends a message outside any transaction (a stateless proxy's forwarding, an ACK to a 2xx).
    /// Sent from the loop of the message's Call-ID, so that it leaves in order with the
    /// dialog's other requests (an ACK for a 2xx before the BYE that follows it).
    public func sendStateless(_ message: SipMessage, to destination: SipDestination) {
        if let callID = message[.callID] {
            let loop = shard(forCallID: callID).loop
            if !loop.inEventLoop {
                loop.execute { self.transport.send(message, to: destination) { _ in } }
                return
            }
        }
        transport.send(message, to: destination) { _ in }
    }

    /// The transactions still waiting for a final response: client transactions before
    /// Completed/Accepted and server transactions the TU has not answered yet. Those in
    /// Completed only absorb retransmissions, so shutdown need not wait for them.
    public func liveTransactionCount() -> EventLoopFuture<Int> {
        let futures = shards.map { s in
            s.loop.submit {
                s.clients.values.filter { [.calling, .trying, .proceeding].contains($0.state) }.count
                    + s.servers.values.filter { [.trying, .proceeding].contains($0.state) }.count
            }
        }
        return EventLoopFuture.reduce(0, futures, on: shards[0].loop, +)
    }

    /// Ends every transaction (shutdown): timers cancelled, tables emptied.
    public func terminateAll() -> EventLoopFuture<Void> {
        let futures = shards.map { s in
            s.loop.submit {
                for t in Array(s.servers.values) { t.terminate(.normal) }
                for t in Array(s.clients.values) { t.terminate(.normal) }
                s.timerQueue.cancelAll()
            }
        }
        return EventLoopFuture.andAllSucceed(futures, on: shards[0].loop)
    }

    /// A server transaction changed state (on its shard's loop): published, and dropped from
    /// the shard's table once terminated.
    func serverTransaction(_ t: ServerTransaction, entered state: TransactionState, end: TransactionEnd?) {
        publish(.server, t.key, state, end, callID: t.callID)
        if state == .terminated { shards[t.shardIndex].servers[t.key] = nil }
    }

    private func publish(_ role: TransactionEvent.Role, _ key: TransactionKey, _ state: TransactionState,
                         _ end: TransactionEnd?, callID: @autoclosure () -> String?) {
        guard let eventSink, publishesEvents else { return }
        eventSink(TransactionEvent(time: .now(), role: role, key: key, state: state, end: end, callID: callID()))
    }
}
