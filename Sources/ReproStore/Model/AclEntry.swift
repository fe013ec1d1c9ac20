/// A trusted node (repro's ACL): requests from it skip digest authentication.
///
/// An entry is either an address with a mask (plus an optional port and
/// transport), or the name a peer presents in its TLS certificate.
public struct AclEntry: Sendable, Hashable, Codable {
    /// A transport an ACL entry can be restricted to.
    public enum Transport: String, Sendable, Hashable, Codable, CaseIterable {
        case udp = "UDP", tcp = "TCP", tls = "TLS", dtls = "DTLS", ws = "WS", wss = "WSS"
    }

    /// The store-assigned identifier; 0 before the entry is added.
    public var id: UInt32
    /// The network (`10.0.0.0/8`); `nil` for a TLS peer entry.
    public var network: IPNetwork?
    /// The source port that must match; 0 for any.
    public var port: UInt16
    /// The transport that must match; `nil` for any.
    public var transport: Transport?
    /// The TLS peer name (certificate subject/SAN) that is trusted; empty for an address entry.
    public var tlsPeerName: String

    /// An entry trusting a network.
    public init(id: UInt32 = 0, network: IPNetwork, port: UInt16 = 0, transport: Transport? = nil) {
        self.id = id
        self.network = network
        self.port = port
        self.transport = transport
        self.tlsPeerName = ""
    }

    /// An entry trusting a TLS peer by the name in its certificate.
    public init(id: UInt32 = 0, tlsPeerName: String) {
        self.id = id
        self.network = nil
        self.port = 0
        self.transport = .tls
        self.tlsPeerName = tlsPeerName.lowercased()
    }

    /// Whether a request from `address:port` over `transport` is covered by this entry.
    public func matches(address: String, port: UInt16, transport: Transport) -> Bool {
        guard let network else { return false }
        if self.port != 0 && self.port != port { return false }
        if let t = self.transport, t != transport { return false }
        return network.contains(address: address)
    }

    /// Whether a TLS peer that presented `name` is covered (host names compare case-insensitively).
    public func matches(tlsPeerName name: String) -> Bool {
        !tlsPeerName.isEmpty && tlsPeerName == name.lowercased()
    }

    /// A one-line human form: `10.0.0.0/8 port 5060 UDP` or `tls:peer.example.com`.
    public var summary: String {
        guard let network else { return "tls:\(tlsPeerName)" }
        var text = network.description
        if port != 0 { text += " port \(port)" }
        if let transport { text += " \(transport.rawValue)" }
        return text
    }

    private enum CodingKeys: String, CodingKey { case id, address, port, transport, tlsPeerName }

    /// Decodes the JSON form used by `repro db export`: `address` is `net/prefix`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(UInt32.self, forKey: .id) ?? 0
        port = try c.decodeIfPresent(UInt16.self, forKey: .port) ?? 0
        transport = try c.decodeIfPresent(Transport.self, forKey: .transport)
        tlsPeerName = (try c.decodeIfPresent(String.self, forKey: .tlsPeerName) ?? "").lowercased()
        if let text = try c.decodeIfPresent(String.self, forKey: .address), !text.isEmpty {
            guard let parsed = IPNetwork(parsing: text) else {
                throw DecodingError.dataCorruptedError(forKey: .address, in: c,
                                                       debugDescription: "not an address/mask: \(text)")
            }
            network = parsed
        } else {
            network = nil
        }
    }

    /// Encodes the JSON form used by `repro db export`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        if let network { try c.encode(network.description, forKey: .address) }
        try c.encode(port, forKey: .port)
        try c.encodeIfPresent(transport, forKey: .transport)
        if !tlsPeerName.isEmpty { try c.encode(tlsPeerName, forKey: .tlsPeerName) }
    }
}
