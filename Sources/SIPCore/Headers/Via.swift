/// One Via value (RFC 3261 §20.42, §18.2.1; RFC 3581 `rport`).
public struct Via: SipHeaderValue, Hashable, CustomStringConvertible {
    @usableFromInline var parts: ViaParts

    public var protocolName: String {
        get { parts.protocolName }
        _modify {
            makeUnique()
            yield &parts.protocolName
        }
    }
    public var protocolVersion: String {
        get { parts.protocolVersion }
        _modify {
            makeUnique()
            yield &parts.protocolVersion
        }
    }
    /// The transport in upper case as written: UDP, TCP, TLS, SCTP, WS, WSS …
    public var transport: String {
        get { parts.transport }
        _modify {
            makeUnique()
            yield &parts.transport
        }
    }
    /// The sent-by host; an IPv6 address without brackets.
    public var host: String {
        get { parts.host }
        _modify {
            makeUnique()
            yield &parts.host
        }
    }
    public var port: Int? {
        get { parts.port }
        _modify {
            makeUnique()
            yield &parts.port
        }
    }
    public var parameters: Parameters {
        get { parts.parameters }
        _modify {
            makeUnique()
            yield &parts.parameters
        }
    }

    public init(transport: String, host: String, port: Int? = nil, branch: String? = nil) {
        var parameters = Parameters()
        if let branch { parameters["branch"] = branch }
        parts = ViaParts(protocolName: "SIP", protocolVersion: "2.0", transport: transport, host: host, port: port,
                         parameters: parameters)
    }

    @usableFromInline init(parts: ViaParts) {
        self.parts = parts
    }

    /// Gives this Via its own parts before they change.
    @inlinable mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&parts) { parts = parts.copy() }
    }

    public static func == (a: Via, b: Via) -> Bool {
        a.protocolName == b.protocolName && a.protocolVersion == b.protocolVersion && a.transport == b.transport
            && a.host == b.host && a.port == b.port && a.parameters == b.parameters
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(protocolName)
        hasher.combine(protocolVersion)
        hasher.combine(transport)
        hasher.combine(host)
        hasher.combine(port)
        hasher.combine(parameters)
    }

    /// Parses a single Via value such as `SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1`.
    public init(_ text: some StringProtocol) throws(SipParseError) {
        var s = ByteScanner(text, header: "Via")
        self = try Via.parse(&s)
        try s.expectEnd()
    }

    /// The transaction branch (RFC 3261 §8.1.1.7).
    public var branch: String? {
        get { parameters["branch"] }
        set { parameters["branch"] = newValue }
    }

    /// Whether the branch carries the RFC 3261 magic cookie `z9hG4bK` (§8.1.1.7).
    public var hasMagicCookie: Bool { branch?.hasPrefix("z9hG4bK") ?? false }

    /// `received` (RFC 3261 §18.2.1).
    public var received: String? {
        get { parameters["received"] }
        set { parameters["received"] = newValue }
    }

    /// Whether `rport` is present, with or without a value (RFC 3581 §3).
    public var hasRport: Bool { parameters.contains("rport") }

    /// The value of `rport`, nil when absent or without value. Setting nil leaves a bare `rport`
    /// if one was present; use `requestRport()`/`removeRport()` for the flag itself.
    public var rport: Int? {
        get { parameters["rport"].flatMap { Int($0) } }
        set {
            if let newValue { parameters["rport"] = String(newValue) } else if hasRport { parameters.setFlag("rport") }
        }
    }

    /// Adds a bare `rport` asking the server to fill it in (RFC 3581 §3).
    public mutating func requestRport() { parameters.setFlag("rport") }
    public mutating func removeRport() { parameters.remove("rport") }

    public var maddr: String? {
        get { parameters["maddr"] }
        set { parameters["maddr"] = newValue }
    }

    public var ttl: Int? {
        get { parameters["ttl"].flatMap { Int($0) } }
        set { parameters["ttl"] = newValue.map(String.init) }
    }

    /// Whether the transport is reliable (anything but UDP; RFC 3261 §17.1.1.2 uses this).
    public var isReliableTransport: Bool { !transport.caseInsensitiveEquals("UDP") }

    public static func parse(_ s: inout ByteScanner) throws(SipParseError) -> Via {
        if let common = try parseCommonForm(&s) { return common }
        return try parseGeneral(&s)
    }

    /// Reads any Via value (`parse` tries the common form first).
    static func parseGeneral(_ s: inout ByteScanner) throws(SipParseError) -> Via {
        s.skipWhitespace()
        // The usual protocol, version and transports come back as literals, not as Strings
        // made from the bytes (the text as received is kept either way: the match is exact).
        let n = try s.expectTokenRange("protocol name")
        let name = s.matches(n, "SIP") ? "SIP" : s.string(n)
        try s.expect(UInt8(ascii: "/"), "'/' after the protocol name")
        let v = try s.expectTokenRange("protocol version")
        let version = s.matches(v, "2.0") ? "2.0" : s.string(v)
        try s.expect(UInt8(ascii: "/"), "'/' after the protocol version")
        let t = try s.expectTokenRange("transport")
        let transport = s.matches(t, "UDP") ? "UDP" : s.matches(t, "TCP") ? "TCP" : s.matches(t, "TLS") ? "TLS" : s.string(t)
        s.skipWhitespace()
        var port: Int?
        let hostRange: Range<Int>
        do {
            hostRange = try SipURI.parseHostPort(&s, end: s.end, port: &port)
        } catch {
            throw s.error("malformed sent-by")
        }
        // The host is read in place from the received bytes (`ViaParts.receivedHost`).
        let receivedHost = ReceivedText(s.bytes, hostRange)
        let parameters = try Parameters.parse(&s)
        return Via(parts: ViaParts(protocolName: name, protocolVersion: version, transport: transport,
                                   host: receivedHost == nil ? s.string(hostRange) : "", port: port,
                                   parameters: parameters, receivedHost: receivedHost))
    }

    public func write(to out: inout [UInt8]) {
        // Composed on the stack and appended in one copy; a Via longer than the room there
        // is written straight into `out`.
        if ScratchWriter.compose(capacity: Self.composedCapacity, into: &out, { put(into: &$0) }) { return }
        put(into: &out)
    }

    /// Room on the stack for a composed Via.
    private static var composedCapacity: Int { 256 }

    /// `protocol/version/transport host[:port];params`, the host read in place when it was received.
    func put<Sink: ByteSink>(into out: inout Sink) {
        if parts.protocolName == "SIP", parts.protocolVersion == "2.0" {
            out.put("SIP/2.0/" as StaticString)
        } else {
            out.put(parts.protocolName)
            out.put(UInt8(ascii: "/"))
            out.put(parts.protocolVersion)
            out.put(UInt8(ascii: "/"))
        }
        out.put(parts.transport)
        out.put(0x20)
        if let received = parts.receivedHost {
            received.withBytes { SipURI.writeHost($0, port: parts.port, to: &out) }
        } else {
            parts.storedHost.withUTF8Bytes { SipURI.writeHost($0, port: parts.port, to: &out) }
        }
        parts.parameters.put(into: &out)
    }

    public var description: String { headerText }
}
