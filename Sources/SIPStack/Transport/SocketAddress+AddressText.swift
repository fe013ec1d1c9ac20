import NIOCore

extension SocketAddress {
    /// The numeric address as text: "192.0.2.1", "2001:db8::1"; nil for a Unix socket.
    ///
    /// The same text as `ipAddress`, but an IPv4 address is written here directly:
    /// `ipAddress` goes through `inet_ntop`, which glibc implements with `sprintf`, and the
    /// server formats the source address of every request it receives (the Via `received`
    /// stamp, RFC 3261 §18.2.1) and again for authentication.
    public var addressText: String? {
        guard case .v4(let v4) = self else { return ipAddress }
        let a = UInt32(bigEndian: v4.address.sin_addr.s_addr)
        // At most "255.255.255.255": 15 bytes, which a String keeps without allocating.
        return String(unsafeUninitializedCapacity: 15) { out in
            var n = 0
            for shift in stride(from: 24, through: 0, by: -8) {
                let octet = Int((a >> UInt32(shift)) & 0xff)
                if octet >= 100 {
                    out[n] = UInt8(ascii: "0") &+ UInt8(octet / 100)
                    n += 1
                }
                if octet >= 10 {
                    out[n] = UInt8(ascii: "0") &+ UInt8(octet / 10 % 10)
                    n += 1
                }
                out[n] = UInt8(ascii: "0") &+ UInt8(octet % 10)
                n += 1
                if shift > 0 {
                    out[n] = UInt8(ascii: ".")
                    n += 1
                }
            }
            return n
        }
    }
}
