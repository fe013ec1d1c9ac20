import SIPCore

/// Branch values that let a proxy tell a loop from a spiral (RFC 3261 §16.6 step 8,
/// §16.3 step 4): the branch carries a hash of the fields that a spiral changes
/// (Request-URI) and a loop does not (tags, Call-ID, CSeq, Proxy-Require).
public enum LoopDetector {
    /// The part of the branch after the magic cookie that encodes the request.
    public static func hash(of request: SipMessage) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ s: String) {
            for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            h = (h ^ 0x7c) &* 0x100_0000_01b3
        }
        mix(request.requestURI?.description ?? "")
        mix(request[.from]?.tag ?? "")
        mix(request[.to]?.tag ?? "")
        mix(request[.callID] ?? "")
        mix(String(request[.cSeq]?.sequence ?? 0))
        for tag in request[.proxyRequire] { mix(tag) }
        let alphabet = Array("0123456789abcdefghijklmnopqrstuv".utf8)
        var out: [UInt8] = []
        for _ in 0..<12 {
            out.append(alphabet[Int(h & 31)])
            h >>= 5
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A branch for forwarding `request`: cookie, loop hash, then `unique` (which keeps
    /// branches of different targets apart).
    public static func branch(for request: SipMessage, unique: String) -> String {
        "\(Helper.magicCookie)\(hash(of: request)).\(unique)"
    }

    /// Whether `request` has looped back to us: a Via of ours whose branch hash equals
    /// the hash of the request as it is now (§16.3 step 4). A differing hash is a spiral.
    public static func isLoop(_ request: SipMessage, isOurs: (Via) -> Bool) -> Bool {
        let vias = request[.vias]
        guard vias.contains(where: isOurs) else { return false }
        let current = Helper.magicCookie + hash(of: request) + "."
        return vias.contains { isOurs($0) && ($0.branch?.hasPrefix(current) ?? false) }
    }
}
