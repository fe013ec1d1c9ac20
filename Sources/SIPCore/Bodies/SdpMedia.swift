/// One media description of a session description (RFC 4566 §5.14): the `m=` line and
/// the `i=`, `c=`, `b=`, other and `a=` lines that follow it.
public struct SdpMedia: Sendable, Hashable {
    /// `audio`, `video`, `text`, `application`, `message`, `image`.
    public var media: String
    /// The transport port; 0 rejects or disables the stream (RFC 3264 §6).
    public var port: Int
    /// The number of ports of `<port>/<number of ports>`, nil when not written.
    public var portCount: Int?
    /// The transport protocol: `RTP/AVP`, `RTP/SAVP`, `UDP/TLS/RTP/SAVPF`, `udptl`, …
    public var proto: String
    /// The media formats: RTP payload type numbers, or format names for other protocols.
    public var formats: [String]
    /// `i=` (RFC 4566 §5.4).
    public var information: String?
    /// The media-level `c=` lines (RFC 4566 §5.7); usually none or one.
    public var connections: [SdpContents.Connection]
    /// Media-level `b=` lines (RFC 4566 §5.8).
    public var bandwidths: [SdpContents.Bandwidth]
    /// Media-level lines of other types (`k=`, unknown letters), in order.
    public var otherLines: [SdpContents.Line]
    /// Media-level `a=` lines in order (RFC 4566 §5.13).
    public var attributes: [SdpContents.Attribute]

    public init(media: String, port: Int, proto: String = "RTP/AVP", formats: [String],
                attributes: [SdpContents.Attribute] = []) {
        self.media = media
        self.port = port
        self.proto = proto
        self.formats = formats
        connections = []
        bandwidths = []
        otherLines = []
        self.attributes = attributes
    }

    /// The first media-level `c=`. Setting replaces them all; nil removes them.
    public var connection: SdpContents.Connection? {
        get { connections.first }
        set { connections = newValue.map { [$0] } ?? [] }
    }

    /// The first attribute named `name` (case-sensitive, RFC 4566 §5.13).
    public func attribute(named name: String) -> SdpContents.Attribute? {
        attributes.first { $0.name == name }
    }

    /// Every attribute named `name`.
    public func attributes(named name: String) -> [SdpContents.Attribute] {
        attributes.filter { $0.name == name }
    }

    /// The `a=rtpmap` attributes that are well formed (RFC 4566 §6), in order.
    public var rtpmaps: [SdpRtpMap] {
        attributes.compactMap { $0.name == "rtpmap" ? $0.value.flatMap(SdpRtpMap.init(attributeValue:)) : nil }
    }

    /// The rtpmap of payload type `payloadType`, if given.
    public func rtpmap(for payloadType: Int) -> SdpRtpMap? {
        rtpmaps.first { $0.payloadType == payloadType }
    }

    /// The format parameters of `format` from its `a=fmtp:<format> <params>` (RFC 4566 §6).
    public func fmtp(for format: String) -> String? {
        for a in attributes where a.name == "fmtp" {
            guard let v = a.value else { continue }
            let parts = v.split(separator: " ", maxSplits: 1)
            if parts.first.map(String.init) == format { return parts.count > 1 ? String(parts[1]) : "" }
        }
        return nil
    }

    /// The media-level direction attribute (RFC 3264 §5.1), nil when none is given.
    /// Setting replaces any direction attribute; nil removes them.
    public var direction: SdpDirection? {
        get { SdpDirection.find(in: attributes) }
        set { SdpDirection.replace(in: &attributes, with: newValue) }
    }

    /// Writes the m= line and the lines of this media description, with CRLF.
    public func write(to out: inout [UInt8]) {
        var m = "\(media) \(port)"
        if let portCount { m += "/\(portCount)" }
        m += " \(proto)"
        for f in formats { m += " \(f)" }
        SdpContents.line("m", m, &out)
        if let information { SdpContents.line("i", information, &out) }
        for c in connections { SdpContents.line("c", c.text, &out) }
        for b in bandwidths { SdpContents.line("b", b.text, &out) }
        for l in otherLines { SdpContents.line(l.type, l.value, &out) }
        for a in attributes { SdpContents.line("a", a.text, &out) }
    }
}
