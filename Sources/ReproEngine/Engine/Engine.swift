import Logging
import NIOCore
import ReproStore
import SIPCore
import SIPStack
import Synchronization

/// The running engine: store, stack, registrar and proxy wired together
/// (repro's `ReproRunner`, without the 2,000 lines). `repro serve` and the console
/// start one; the control API reads it.
public final class Engine: @unchecked Sendable {
    public let configuration: EngineConfiguration
    public let store: DataStore
    public let stack: SipStack
    public let network: StackNetwork
    public let location: LocationService
    public let domains: LocalDomains
    public let trusted: TrustedNodes
    public let users: UserDirectory
    public let executor: StoreExecutor
    public let authenticator: DigestAuthenticator
    public let registrar: RegistrarService
    public let proxy: Proxy
    public let traces: TraceStore
    public let events: EventHub
    public let startedAt = WallClock.milliseconds()
    public let clock: EngineClock
    let routeTable: RouteTableBox
    let implicitDomains: [DomainRecord]
    private var tasks: [RepeatedTask] = []
    private var observation: StoreChangeNotifier.Observation?
    let logger = ReproLogging.logger("engine")

    /// Opens the store, starts the transports, and wires registrar and proxy.
    public static func start(_ configuration: EngineConfiguration, clock: EngineClock = .system) async throws -> Engine {
        try DataDirectory.prepare(configuration.dataDirectory)
        let store = try DataStore.openBerkeleyDB(directory: configuration.dataDirectory)
        do {
            return try await Engine(configuration: configuration, store: store, clock: clock)
        } catch {
            store.close()
            throw error
        }
    }

    private init(configuration: EngineConfiguration, store: DataStore, clock: EngineClock) async throws {
        self.configuration = configuration
        self.store = store
        self.clock = clock
        let events = EventHub(capacity: configuration.eventCapacity)
        self.events = events
        let executor = StoreExecutor()
        self.executor = executor

        // Domains named on the command line are kept in the store, so users can be added to them.
        for name in configuration.domains where try store.domain(name) == nil {
            try store.addDomain(DomainRecord(name: name))
        }

        let stack = SipStack(configuration: configuration.stack)
        self.stack = stack
        do {
            try await Engine.listen(stack, configuration)
        } catch {
            await stack.shutdown()
            throw error
        }
        let stored = try store.domains()
        let network = StackNetwork(stack: stack, extraNames: stored.map(\.name))
        self.network = network
        // With no domain anywhere, repro is responsible for the host name and its own addresses.
        if stored.isEmpty {
            let host = StackNetwork.hostName()
            implicitDomains = ([host] + network.ownHosts.sorted()).map { DomainRecord(name: $0, realm: host) }
        } else {
            implicitDomains = []
        }
        let domains = LocalDomains(stored + implicitDomains)
        self.domains = domains
        let trusted = TrustedNodes(try store.acls())
        self.trusted = trusted
        self.routeTable = RouteTableBox(try? store.routeTable())
        let location = LocationService(changeSink: { events.locationChange($0) })
        self.location = location
        let users = UserDirectory(store: store, executor: executor)
        self.users = users
        users.warm()
        let authenticator = DigestAuthenticator(configuration: configuration.auth, eventSink: { events.auth($0) })
        self.authenticator = authenticator
        let registrarCore = Registrar(location: location, domains: domains, configuration: configuration.registrar,
                                      clock: clock)
        self.registrar = RegistrarService(registrar: registrarCore, authenticator: authenticator, users: users,
                                          trustedNodes: trusted,
                                          authenticationEnabled: configuration.authenticationEnabled, clock: clock)
        let traces = TraceStore(capacity: configuration.proxy.traceCapacity, sink: { events.trace($0) })
        self.traces = traces
        let routeTable = self.routeTable
        let isLocalDomain: @Sendable (String) -> Bool = { domains.contains($0) || network.ownHosts.contains($0.lowercased()) }
        let proxyConfiguration = configuration.proxy
        let rrURI = proxyConfiguration.recordRouteURI
        var dependencies = DefaultChains.Dependencies(
            configuration: proxyConfiguration, trusted: trusted, authenticator: authenticator, users: users,
            domains: domains, location: location, routeTable: { routeTable.current },
            isLocalDomain: isLocalDomain,
            isOurRoute: { uri in
                guard let sip = uri.sipURI else { return false }
                if let rrURI, rrURI.host.caseInsensitiveEquals(sip.host), rrURI.port == sip.port { return true }
                return network.isOwnAddress(host: sip.host, port: sip.port)
            },
            clock: clock)
        // Our addresses and host name, unless an operator made the name a domain of its own.
        let implicitNames = Set(implicitDomains.map { $0.name.lowercased() })
        dependencies.isOwnHost = { host in
            let h = host.lowercased()
            guard network.ownHosts.contains(h) else { return false }
            return implicitNames.contains(h) || !domains.contains(h)
        }
        dependencies.isOwnAddress = { network.isOwnAddress(host: $0, port: $1) }
        self.proxy = Proxy(configuration: proxyConfiguration, network: network,
                           requestChain: DefaultChains.requestChain(dependencies),
                           targetChain: DefaultChains.targetChain(dependencies),
                           responseChain: DefaultChains.responseChain(dependencies),
                           traces: traces, isLocalDomain: isLocalDomain)
        stack.addTransactionUser(registrar, filter: RegistrarService.isRegister)
        stack.addTransactionUser(proxy)
        let loop = stack.group.next()
        tasks.append(location.scheduleReaper(on: loop, every: .seconds(1), clock: clock))
        tasks.append(events.startPump(stack: stack, on: loop))
        observation = store.changes.observe { [weak self] change in self?.storeChanged(change) }
    }

    /// Binds every configured transport on every address (all IPv4 and IPv6 by default).
    static func listen(_ stack: SipStack, _ configuration: EngineConfiguration) async throws {
        let logger = ReproLogging.logger("engine")
        let explicit = !configuration.bindAddresses.isEmpty
        let addresses = explicit ? configuration.bindAddresses : ["0.0.0.0", "::"]
        for address in addresses {
            for (kind, port) in [(TransportKind.udp, configuration.udpPort), (.tcp, configuration.tcpPort)] where port > 0 {
                do {
                    try await stack.addTransport(kind, host: address, port: port)
                } catch where !explicit && address == "::" {
                    // A host without IPv6 still runs on IPv4.
                    logger.warning("no IPv6 \(kind) listener on port \(port): \(error)")
                }
            }
        }
        if configuration.tlsPort > 0 {
            logger.warning("TLS is not available yet; --tls-port \(configuration.tlsPort) ignored")
        }
    }

    /// Keeps the in-memory snapshots in step with the store (edits from the console or the CLI).
    private func storeChanged(_ change: StoreChange) {
        let store = self.store
        let implicit = implicitDomains
        executor.submit({ () throws -> ([DomainRecord], [AclEntry], RouteTable?) in
            (try store.domains(), try store.acls(), try? store.routeTable())
        }, completion: { [weak self] result in
            guard let self, case .success(let (domains, acls, table)) = result else { return }
            switch change {
            case .domain, .reloaded: self.domains.replace(with: domains + (domains.isEmpty ? implicit : []))
            default: break
            }
            switch change {
            case .acl, .reloaded: self.trusted.replace(with: acls)
            default: break
            }
            switch change {
            case .route, .reloaded: self.routeTable.current = table
            default: break
            }
        })
    }

    /// The transports we listen on, for people ("UDP 0.0.0.0:5060").
    public var transportDescriptions: [String] {
        TransportKind.allCases.flatMap { kind in
            stack.transport.boundAddresses(kind).map { "\(kind) \($0.compactDescription)" }
        }
    }

    /// Stops listening, ends transactions and closes the store.
    public func stop() async {
        observation?.cancel()
        for t in tasks { t.cancel() }
        await stack.shutdown()
        store.close()
    }
}

/// The current static route table, replaced whole when routes change.
final class RouteTableBox: Sendable {
    private let table: Mutex<RouteTable?>
    init(_ table: RouteTable?) { self.table = Mutex(table) }
    var current: RouteTable? {
        get { table.withLock { $0 } }
        set { table.withLock { $0 = newValue } }
    }
}
