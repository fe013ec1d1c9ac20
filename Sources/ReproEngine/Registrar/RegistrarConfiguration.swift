/// Settings of the registrar, with repro's defaults.
public struct RegistrarConfiguration: Sendable {
    /// Seconds a binding lasts when the REGISTER gives no expiry (RFC 3261 §10.3 step 6).
    public var defaultExpires: Int = 3600
    /// The shortest expiry accepted; shorter ones (except 0) get 423 with Min-Expires
    /// (RFC 3261 §10.3 step 6, §20.23).
    public var minimumExpires: Int = 60
    /// The longest expiry granted; longer ones are cut to it (RFC 3261 §10.3 step 6 lets
    /// the registrar shorten the interval).
    public var maximumExpires: Int = 86400
    /// Option tags a REGISTER may Require (RFC 3261 §8.2.2.3); `path` per RFC 3327.
    public var supportedOptionTags: Set<String> = ["path"]

    public init() {}
}
