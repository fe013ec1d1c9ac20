import ReproStore
import SIPCore

/// The three processor chains, assembled in exactly one place (../shared/STYLE.md):
/// an operator reads here, top to bottom, what every request goes through.
public enum DefaultChains {
    /// What the processors need.
    public struct Dependencies: Sendable {
        public var configuration: ProxyConfiguration
        public var trusted: TrustedNodes
        public var authenticator: DigestAuthenticator
        public var users: UserDirectory
        public var domains: LocalDomains
        public var location: LocationService
        public var routeTable: @Sendable () -> RouteTable?
        public var isLocalDomain: @Sendable (String) -> Bool
        public var isOurRoute: @Sendable (URI) -> Bool
        /// Our addresses and host name; and whether host:port is one we listen on.
        public var isOwnHost: @Sendable (String) -> Bool = { _ in false }
        public var isOwnAddress: @Sendable (String, Int?) -> Bool = { _, _ in false }
        public var clock: EngineClock

        public init(configuration: ProxyConfiguration, trusted: TrustedNodes, authenticator: DigestAuthenticator,
                    users: UserDirectory, domains: LocalDomains, location: LocationService,
                    routeTable: @escaping @Sendable () -> RouteTable?, isLocalDomain: @escaping @Sendable (String) -> Bool,
                    isOurRoute: @escaping @Sendable (URI) -> Bool, clock: EngineClock) {
            self.configuration = configuration
            self.trusted = trusted
            self.authenticator = authenticator
            self.users = users
            self.domains = domains
            self.location = location
            self.routeTable = routeTable
            self.isLocalDomain = isLocalDomain
            self.isOurRoute = isOurRoute
            self.clock = clock
        }
    }

    /// Request processors ("monkeys"), in repro's default order.
    public static func requestChain(_ d: Dependencies) -> ProcessorChain {
        ProcessorChain(kind: .request, processors: [
            StrictRouteFixup(isOurRoute: d.isOurRoute),
            IsTrustedNode(trusted: d.trusted),
            DigestAuthenticatorProcessor(authenticator: d.authenticator, users: d.users, domains: d.domains,
                                         clock: d.clock, enabled: d.configuration.authenticationEnabled),
            AmIResponsible(isLocalDomain: d.isLocalDomain, isOwnHost: d.isOwnHost, isOwnAddress: d.isOwnAddress),
            StaticRouteProcessor(table: d.routeTable),
            LocationServer(location: d.location, users: d.users, clock: d.clock),
        ])
    }

    /// Target processors ("baboons"): serial forking by q, then parallel forking.
    public static func targetChain(_ d: Dependencies) -> ProcessorChain {
        ProcessorChain(kind: .target, processors: [
            QValueTargetHandler(),
            SimpleTargetHandler(),
        ])
    }

    /// Response processors ("lemurs").
    public static func responseChain(_ d: Dependencies) -> ProcessorChain {
        var processors: [any Processor] = []
        if d.configuration.recursiveRedirect { processors.append(RecursiveRedirect()) }
        return ProcessorChain(kind: .response, processors: processors)
    }
}
