import NIOCore
import NIOPosix
import SIPCore

/// The SIP stack (../shared/ARCHITECTURE.md): transports below, transactions above,
/// transaction users on top. Create it from a configuration, add transports, add
/// TUs, then send and receive.
public final class SipStack: TransportLayerDelegate, @unchecked Sendable {
    public let configuration: SipStackConfiguration
    public let group: MultiThreadedEventLoopGroup
    public let transport: TransportLayer
    public let transactions: TransactionLayer
    /// Every transaction state change while `recordsLogs` is on, newest last (the console's
    /// transaction log).
    public let transactionLog: EventRing<TransactionEvent>

    /// Whether the message log and the transaction log record (on at first).
    public var recordsLogs: Bool {
        get { transport.recordsMessages }
        set {
            transport.recordsMessages = newValue
            transactions.publishesEvents = newValue
        }
    }
    private let ownsGroup: Bool

    /// A stack with its own event loops.
    public convenience init(configuration: SipStackConfiguration = SipStackConfiguration()) {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, configuration.eventLoopCount))
        self.init(configuration: configuration, group: group, ownsGroup: true)
    }

    /// A stack on `group` (which the caller shuts down).
    public init(configuration: SipStackConfiguration, group: MultiThreadedEventLoopGroup, ownsGroup: Bool = false) {
        self.configuration = configuration
        self.group = group
        self.ownsGroup = ownsGroup
        let transport = TransportLayer(group: group, configuration: configuration.transport)
        let log = EventRing<TransactionEvent>(capacity: configuration.transport.messageLogCapacity)
        self.transport = transport
        self.transactionLog = log
        self.transactions = TransactionLayer(
            loops: Array(group.makeIterator()), timers: configuration.timers, transport: transport,
            sendsTryingImmediately: configuration.sendsTryingImmediately,
            responseRouter: { request, source in
                // RFC 3261 §18.2.2 / RFC 3581: the response goes where the request's Via says,
                // over the request's connection for streams.
                transport.responseDestination(for: request, requestSource: source) ?? SipDestination(replyingTo: source)
            },
            eventSink: { event in log.append(event) })
        transport.delegate = self
    }

    /// Listens for `kind` on `host:port` (0 picks a port); returns the bound address.
    @discardableResult
    public func addTransport(_ kind: TransportKind, host: String, port: Int) async throws -> SocketAddress {
        try await transport.listen(kind, host: host, port: port)
    }

    /// Adds a TU; requests go to the first whose `filter` accepts them.
    /// The future succeeds once every event loop knows the TU; add TUs before traffic arrives.
    @discardableResult
    public func addTransactionUser(_ tu: any TransactionUser,
                                   filter: @escaping @Sendable (SipMessage) -> Bool = { _ in true }) -> EventLoopFuture<Void> {
        transactions.addTransactionUser(tu, filter: filter)
    }

    /// Sends `request` through a new client transaction; `handler` runs on the transaction's loop.
    /// The request's top Via must carry a branch (see `newVia`) and it must have a Call-ID.
    public func sendRequest(_ request: SipMessage, to destination: SipDestination,
                            handler: @escaping @Sendable (ClientTransactionEvent) -> Void) -> EventLoopFuture<ClientTransaction> {
        let loop = transactions.loop(forCallID: request[.callID] ?? "")
        return loop.submit { try self.transactions.sendRequest(request, to: destination, handler: handler) }
    }

    /// Sends a message with no transaction (statelessly).
    public func sendStateless(_ message: SipMessage, to destination: SipDestination) {
        transactions.sendStateless(message, to: destination)
    }

    /// A Via for a request we originate over `kind`: our bound address and a fresh branch.
    public func newVia(_ kind: TransportKind) -> Via? {
        guard let address = transport.boundAddresses(kind).first, let ip = address.ipAddress, let port = address.port else {
            return nil
        }
        var via = Via(transport: kind.rawValue, host: ip, port: port, branch: Helper.newBranch())
        via.requestRport()
        return via
    }

    /// Shuts down cleanly: waits up to `grace` for the transactions in flight to finish or
    /// time out, then closes every socket, ends what is left, and stops the event loops it owns.
    public func shutdown(grace: TimeAmount = .seconds(2)) async {
        let deadline = NIODeadline.now() + grace
        while NIODeadline.now() < deadline, let live = try? await transactions.liveTransactionCount().get(), live > 0 {
            try? await Task.sleep(nanoseconds: 50_000_000)
        }
        await transport.shutdown()
        try? await transactions.terminateAll().get()
        if ownsGroup { try? await group.shutdownGracefully() }
    }

    // MARK: TransportLayerDelegate

    public func transportLayer(_ transport: TransportLayer, received message: SipMessage, from source: SipSource,
                               on loop: any EventLoop) {
        transactions.receive(message, from: source)
    }

    /// A message is checked and handled on the loop of its transactions (its Call-ID's
    /// shard) rather than on the loop that read it: one UDP socket or TCP connection is read
    /// by one loop, which would otherwise also check every message. One without a readable
    /// Call-ID stays where it was read, and is rejected there.
    public func transportLayer(_ transport: TransportLayer, loopFor message: SipMessage) -> (any EventLoop)? {
        message[.callID].map(transactions.loop(forCallID:))
    }
}
