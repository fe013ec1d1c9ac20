import SIPCore

/// Settings of `DigestAuthenticator`, with repro's defaults.
public struct DigestAuthenticatorConfiguration: Sendable {
    /// The algorithms offered, one challenge each, in order of preference
    /// (RFC 8760 §2.4: the strongest first, so that SHA-256 clients pick it).
    public var algorithms: [DigestAlgorithm] = [.sha256, .md5]
    /// Seconds a nonce stays valid; an older one gets a `stale=true` challenge (RFC 7616 §3.3).
    public var nonceLifetime: Int = 300
    /// Whether the credentials' `uri` must equal the Request-URI (RFC 3261 §22.4 says it
    /// should). Off by default: clients such as SIPp put the proxy's address there, and the
    /// digest is computed over what they sent either way.
    public var requireURIMatch = false
    /// Failed attempts from one source address, or against one user, within `failureWindow`
    /// seconds that lock the source out.
    public var lockoutThreshold: Int = 10
    public var failureWindow: Int = 60
    /// Seconds a locked-out source is refused.
    public var lockoutDuration: Int = 300
    /// How many nonces' highest nonce-count are remembered at once (RFC 7616 §3.4.6 replay
    /// protection). A nonce forgotten early is answered with a `stale=true` challenge.
    public var nonceCountCapacity: Int = 200_000
    /// How many source addresses and users the failure counters track at once.
    public var failureTrackerCapacity: Int = 100_000

    public init() {}
}
