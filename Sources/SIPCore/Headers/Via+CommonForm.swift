/// The common form of a Via, read in one pass over the bytes.
extension Via {
    /// Where the parts of a Via in its common form sit in the bytes.
    private struct CommonForm {
        var transport: String
        var host: Range<Int>
        var port: Int?
        /// Where the host and port end.
        var end: Int
    }

    /// Reads `SIP/2.0/UDP host[:port]` (or TCP, TLS; a host name, IPv4 address or IPv6
    /// reference) and the parameters after it — what nearly every Via looks like — with the
    /// host left in place in the bytes (`ViaParts.receivedHost`).
    ///
    /// Returns nil, with `s` untouched, for any other form (white space around the slashes,
    /// another protocol or transport), which `parseGeneral` then reads in full (and rejects
    /// if it is malformed): this never accepts what `parseGeneral` would reject, and reads
    /// the same value from what it accepts (RFC 3261 §20.42, §25.1).
    static func parseCommonForm(_ s: inout ByteScanner) throws(SipParseError) -> Via? {
        let start = s.position
        let end = s.end
        let scanned: CommonForm? = s.bytes.withUnsafeBufferPointer { b in
            var i = start
            while i < end, CharacterClass.isWhitespace(b[i]) { i &+= 1 }
            // "SIP/2.0/" exactly, then a transport token that is UDP, TCP or TLS.
            guard end &- i >= 12, b[i] == UInt8(ascii: "S"), b[i &+ 1] == UInt8(ascii: "I"),
                  b[i &+ 2] == UInt8(ascii: "P"), b[i &+ 3] == UInt8(ascii: "/"), b[i &+ 4] == UInt8(ascii: "2"),
                  b[i &+ 5] == UInt8(ascii: "."), b[i &+ 6] == UInt8(ascii: "0"), b[i &+ 7] == UInt8(ascii: "/")
            else { return nil }
            i &+= 8
            let t0 = b[i], t1 = b[i &+ 1], t2 = b[i &+ 2]
            let transport: String
            if t0 == UInt8(ascii: "U"), t1 == UInt8(ascii: "D"), t2 == UInt8(ascii: "P") {
                transport = "UDP"
            } else if t0 == UInt8(ascii: "T"), t1 == UInt8(ascii: "C"), t2 == UInt8(ascii: "P") {
                transport = "TCP"
            } else if t0 == UInt8(ascii: "T"), t1 == UInt8(ascii: "L"), t2 == UInt8(ascii: "S") {
                transport = "TLS"
            } else {
                return nil
            }
            i &+= 3
            // The token ends there: white space must follow (a longer token is another transport).
            guard i < end, b[i] == 0x20 || b[i] == 0x09 else { return nil }
            while i < end, CharacterClass.isWhitespace(b[i]) { i &+= 1 }
            guard let (host, port) = SipURI.scanHostPort(b, &i, end: end) else { return nil }
            return CommonForm(transport: transport, host: host, port: port, end: i)
        }
        guard let f = scanned, let receivedHost = ReceivedText(s.bytes, f.host) else { return nil }
        s.position = f.end
        let parameters = try Parameters.parse(&s)
        return Via(parts: ViaParts(protocolName: "SIP", protocolVersion: "2.0", transport: f.transport, host: "",
                                   port: f.port, parameters: parameters, receivedHost: receivedHost))
    }
}
