/// Values the control API carries. All Codable, so they cross the control socket as JSON.

/// The engine's state for the status pane and the console header.
public struct EngineStatus: Codable, Sendable, Equatable {
    public var version: String
    public var startedAt: Int64  // ms since 1970
    public var uptimeSeconds: Double
    /// "UDP 0.0.0.0:5060", "TCP [::]:5060" …
    public var transports: [String]
    public var registrations: Int
    public var activeTransactions: Int
    public var requestsPerSecond: Double
    public var counters: EngineCounters
    /// Recent warnings and errors, newest last.
    public var recentProblems: [String]

    public init(version: String, startedAt: Int64, uptimeSeconds: Double, transports: [String], registrations: Int,
                activeTransactions: Int, requestsPerSecond: Double, counters: EngineCounters, recentProblems: [String]) {
        self.version = version
        self.startedAt = startedAt
        self.uptimeSeconds = uptimeSeconds
        self.transports = transports
        self.registrations = registrations
        self.activeTransactions = activeTransactions
        self.requestsPerSecond = requestsPerSecond
        self.counters = counters
        self.recentProblems = recentProblems
    }
}

/// Running totals since start.
public struct EngineCounters: Codable, Sendable, Equatable {
    public var requestsReceived: UInt64 = 0
    public var responsesSent1xx: UInt64 = 0
    public var responsesSent2xx: UInt64 = 0
    public var responsesSent3xx: UInt64 = 0
    public var responsesSent4xx: UInt64 = 0
    public var responsesSent5xx: UInt64 = 0
    public var responsesSent6xx: UInt64 = 0
    public var messagesDropped: UInt64 = 0
    public var authFailures: UInt64 = 0
    public var authLockouts: UInt64 = 0
    public init() {}
}

/// One binding, as the registrations pane shows it.
public struct RegistrationInfo: Codable, Sendable, Equatable {
    public var aor: String
    public var contact: String
    public var transport: String
    /// The packet source, "192.0.2.1:5060".
    public var source: String
    /// Whether the source differs from the contact's host (a NAT between phone and proxy).
    public var behindNAT: Bool
    /// Seconds left; nil for a static binding.
    public var expiresIn: Int?
    public var q: String
    public var userAgent: String?
    public var instance: String?
    public var regID: Int?
    public var callID: String
    public var cseq: UInt32
    public var path: [String]

    public init(aor: String, contact: String, transport: String, source: String, behindNAT: Bool, expiresIn: Int?,
                q: String, userAgent: String?, instance: String?, regID: Int?, callID: String, cseq: UInt32,
                path: [String]) {
        self.aor = aor
        self.contact = contact
        self.transport = transport
        self.source = source
        self.behindNAT = behindNAT
        self.expiresIn = expiresIn
        self.q = q
        self.userAgent = userAgent
        self.instance = instance
        self.regID = regID
        self.callID = callID
        self.cseq = cseq
        self.path = path
    }
}

/// A user as the users pane shows and edits it (no secrets).
public struct UserInfo: Codable, Sendable, Equatable {
    public var user: String
    public var domain: String
    public var realm: String
    public var displayName: String
    public var email: String
    public var forwardAddress: String
    public var enabled: Bool

    public init(user: String, domain: String, realm: String = "", displayName: String = "", email: String = "",
                forwardAddress: String = "", enabled: Bool = true) {
        self.user = user
        self.domain = domain
        self.realm = realm
        self.displayName = displayName
        self.email = email
        self.forwardAddress = forwardAddress
        self.enabled = enabled
    }
}

/// A static route as the routes pane shows and edits it.
public struct RouteInfo: Codable, Sendable, Equatable {
    public var id: UInt32
    public var method: String
    public var event: String
    public var pattern: String
    public var rewrite: String
    public var order: Int32

    public init(id: UInt32 = 0, method: String = "", event: String = "", pattern: String, rewrite: String, order: Int32 = 0) {
        self.id = id
        self.method = method
        self.event = event
        self.pattern = pattern
        self.rewrite = rewrite
        self.order = order
    }
}

/// What `testRoute` found.
public struct RouteTestResult: Codable, Sendable, Equatable {
    /// The matching route, or nil when none matches.
    public var route: RouteInfo?
    /// The rewritten target.
    public var target: String?

    public init(route: RouteInfo?, target: String?) {
        self.route = route
        self.target = target
    }
}

/// A page of events.
public struct EventBatch: Codable, Sendable {
    public var events: [EngineEvent]
    /// Pass as `after` to get the next page.
    public var nextCursor: UInt64
    /// Events this reader missed because it fell behind (dropped, oldest first).
    public var dropped: UInt64

    public init(events: [EngineEvent], nextCursor: UInt64, dropped: UInt64) {
        self.events = events
        self.nextCursor = nextCursor
        self.dropped = dropped
    }
}

/// Something the engine did, for live views.
public struct EngineEvent: Codable, Sendable {
    public enum Kind: String, Codable, Sendable {
        /// A SIP message sent or received.
        case message
        /// A transaction changed state.
        case transaction
        /// A binding was added, refreshed, removed or expired.
        case registration
        /// A request's chain trace finished (`traceID` names it).
        case trace
        /// A source or user was locked out after failed authentications.
        case lockout
        /// A log line at warning level or above.
        case log
    }

    public var sequence: UInt64
    public var time: Int64  // ms since 1970
    public var kind: Kind
    /// A one-line summary ("in UDP 192.0.2.1:5060 INVITE sip:bob@example.com", "added sip:alice@… → …").
    public var summary: String
    /// For messages: "in"/"out"; for registrations: "added"/"refreshed"/"removed"/"expired".
    public var direction: String?
    public var transport: String?
    public var peer: String?
    /// Method or status ("INVITE", "200 OK").
    public var what: String?
    public var callID: String?
    public var cseq: String?
    /// The transaction state, for transaction events.
    public var state: String?
    /// The raw message text, for message events.
    public var raw: String?
    public var traceID: UInt64?

    public init(sequence: UInt64 = 0, time: Int64, kind: Kind, summary: String, direction: String? = nil,
                transport: String? = nil, peer: String? = nil, what: String? = nil, callID: String? = nil,
                cseq: String? = nil, state: String? = nil, raw: String? = nil, traceID: UInt64? = nil) {
        self.sequence = sequence
        self.time = time
        self.kind = kind
        self.summary = summary
        self.direction = direction
        self.transport = transport
        self.peer = peer
        self.what = what
        self.callID = callID
        self.cseq = cseq
        self.state = state
        self.raw = raw
        self.traceID = traceID
    }
}
