import NIOCore
import SIPCore
import Synchronization

/// The RFC 3261 §17 transaction layer: matches messages to transactions, runs
/// their state machines, and hands new requests and stray responses to TUs.
///
/// Transactions are sharded across event loops by a hash of their Call-ID, so a
/// transaction is only ever touched on its own loop (no locks on the message
/// path). A message that reaches the layer on another loop goes over in a batch
/// (`handOver`); the stack's transport already delivers each on its shard's loop.
public final class TransactionLayer: HandOverReceiver, @unchecked Sendable {
    /// How a TU is chosen for a request: the first whose filter accepts it.
    struct Registration: Sendable {
        let tu: any TransactionUser
        let filter: @Sendable (SipMessage) -> Bool
    }

    let shards: [TransactionShard]
    /// Carries a message that reached the layer on another loop to its shard's loop.
    let handOver: HandOverQueue<TransactionLayer>
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
        self.handOver = HandOverQueue(loops: loops)
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

    /// A parsed message from the transport, handled on its shard's loop: at once when it
    /// arrives there (the stack's transport hands each message to that loop, see `SipStack`),
    /// else through `handOver`.
    public func receive(_ message: SipMessage, from source: SipSource) {
        guard let callID = message[.callID] else { return }
        handOver.send((message, source), to: shard(forCallID: callID).index, receiver: self)
    }

    func receiveHandedOver(_ item: (message: SipMessage, source: SipSource), onLoop loopIndex: Int) {
        dispatch(item.message, from: item.source, shard: shards[loopIndex])
    }

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
            if let st = shard.servers[key]?.live, st.state == .completed || st.state == .confirmed {
                st.receiveAck()
                return
            }
            transactionUser(for: request, in: shard)?.handleRequest(request, transaction: nil, source: source)
            return
        }
        switch shard.servers[key] {
        case .live(let existing):
            existing.receiveRetransmission()
            return
        case .completed(let record):
            resend(record, shard: shard)
            return
        case nil:
            break
        }
        let st = ServerTransaction(request: request, key: key, source: source,
                                   responseDestination: responseRouter(request, source),
                                   loop: shard.loop, timers: timers, timerQueue: shard.timerQueue,
                                   transport: transport)
        shard.servers[key] = .live(st)
        st.layer = self
        st.shardIndex = shard.index
        publish(.server, key, st.state, nil, callID: st.callID)
        if method == .cancel {
            st.cancelledInvite = shard.servers[key.invite]?.live
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
                    + s.servers.values.compactMap(\.live).filter { [.trying, .proceeding].contains($0.state) }.count
            }
        }
        return EventLoopFuture.reduce(0, futures, on: shards[0].loop, +)
    }

    /// Ends every transaction (shutdown): timers cancelled, tables emptied.
    public func terminateAll() -> EventLoopFuture<Void> {
        let futures = shards.map { s in
            s.loop.submit {
                for entry in s.servers.values {
                    switch entry {
                    case .live(let t): t.terminate(.normal)
                    case .completed(let record): self.end(record, in: s, .normal)
                    }
                }
                s.retired.removeAll()
                s.sweepTimer = nil
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
        guard state == .terminated else { return }
        let shard = shards[t.shardIndex]
        switch shard.servers[t.key] {
        case .live(let held) where held === t:
            shard.servers[t.key] = nil
        case .completed:
            // The transport failed the final response after the transaction was retired (§17.2.4).
            shard.servers[t.key] = nil
        default:
            break
        }
    }

    // MARK: Completed non-INVITE transactions (Timer J)

    /// Swaps a non-INVITE server transaction that sent its final response over an unreliable
    /// transport for a `CompletedServerTransaction`, which answers retransmissions until
    /// Timer J fires (RFC 3261 §17.2.2). Called on the transaction's loop.
    func retire(_ t: ServerTransaction, response: [UInt8]) {
        let shard = shards[t.shardIndex]
        let record = CompletedServerTransaction(key: t.key, response: response, destination: t.destination,
                                                callID: publishesEvents ? t.callID : nil,
                                                expiry: shard.loop.now + timers.sixtyFourT1)
        shard.servers[t.key] = .completed(record)
        shard.retired.append(record)
        if shard.sweepTimer == nil { scheduleSweep(shard, at: record.expiry) }
    }

    /// A retransmission of a completed transaction's request: the final response again.
    private func resend(_ record: CompletedServerTransaction, shard: TransactionShard) {
        transport.send(bytes: record.response, to: record.destination) { _ in
            // A transport error ends the transaction (§17.2.4).
            shard.loop.execute {
                guard case .completed(let held) = shard.servers[record.key], held === record else { return }
                self.end(record, in: shard, .transportError("retransmitted response not sent"))
            }
        }
    }

    private func scheduleSweep(_ shard: TransactionShard, at deadline: NIODeadline) {
        shard.sweepTimer = shard.timerQueue.schedule(at: deadline) { [weak self, unowned shard] in
            shard.sweepTimer = nil
            self?.sweep(shard)
        }
    }

    /// Timer J for every record whose time is up; the sweep runs again for the next one.
    private func sweep(_ shard: TransactionShard) {
        let now = shard.loop.now
        while let first = shard.retired.first, first.expiry <= now {
            shard.retired.removeFirst()
            if case .completed(let held) = shard.servers[first.key], held === first {
                end(first, in: shard, .normal)
            }
        }
        if let next = shard.retired.first { scheduleSweep(shard, at: next.expiry) }
    }

    /// Drops a completed record from its shard's table and publishes the end.
    private func end(_ record: CompletedServerTransaction, in shard: TransactionShard, _ end: TransactionEnd) {
        shard.servers[record.key] = nil
        publish(.server, record.key, .terminated, end, callID: record.callID)
    }

    private func publish(_ role: TransactionEvent.Role, _ key: TransactionKey, _ state: TransactionState,
                         _ end: TransactionEnd?, callID: @autoclosure () -> String?) {
        guard let eventSink, publishesEvents else { return }
        eventSink(TransactionEvent(time: .now(), role: role, key: key, state: state, end: end, callID: callID()))
    }
}
