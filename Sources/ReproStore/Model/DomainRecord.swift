/// A domain this proxy is responsible for (RFC 3261 §16.4: requests whose
/// Request-URI names it are served by the registrar/location service).
public struct DomainRecord: Sendable, Hashable, Codable {
    /// The domain name or address, stored lower-cased (host names are case-insensitive).
    public var name: String
    /// The digest realm used to challenge requests for this domain.
    public var realm: String

    /// Creates a domain; the realm defaults to the domain name, as repro does.
    public init(name: String, realm: String? = nil) {
        self.name = name.lowercased()
        self.realm = realm ?? self.name
    }
}
