import NIOCore
import SIPCore

/// The proxy's settings (plain values with repro's defaults).
public struct ProxyConfiguration: Sendable {
    /// Record-Route on dialog-creating requests (RFC 3261 §16.6 step 4); on by default.
    public var recordRoute = true
    /// A fixed Record-Route URI (`--record-route-uri`); nil uses our address on each transport.
    public var recordRouteURI: SipURI?
    /// Timer C (RFC 3261 §16.6 step 11): how long an INVITE branch may stay without a final response.
    public var timerC: TimeAmount = .seconds(180)
    /// The Max-Forwards used when a request has none or an absurd one (repro uses 20).
    public var defaultMaxForwards = 20
    /// Values above this are "absurd" and replaced by `defaultMaxForwards`.
    public var maxForwardsLimit = 255
    /// Serial forking: how long a q-value group may ring before the next group starts (0 = until it ends).
    public var serialBranchTimeout: TimeAmount = .zero
    /// Parallel forking: delay between starting the branches of one q-value group.
    public var forkDelay: TimeAmount = .zero
    /// How many finished chain traces to keep for the console and `traces(callID:)`.
    public var traceCapacity = 1000
    /// Follow 3xx responses by making their contacts new targets (RecursiveRedirect).
    public var recursiveRedirect = false
    /// Ask for authentication of requests from our users (`--disable-auth` turns it off).
    public var authenticationEnabled = true

    public init() {}

    /// Methods that create dialogs, and so are record-routed (RFC 3261 §12, RFC 6665, RFC 3515).
    public static let dialogCreatingMethods: Set<SipMethod> = [.invite, .subscribe, .refer, .notify]
}
