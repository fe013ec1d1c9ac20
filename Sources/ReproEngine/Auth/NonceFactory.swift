import COpenSSL
import SIPCore

/// Stateless digest nonces (RFC 7616 §3.3, §5.4): the issue time and a random salt,
/// authenticated with HMAC-SHA-256 under a secret that lives only in this process.
///
/// A nonce is 64 hex digits: 16 of issue time (monotonic nanoseconds), 16 of salt and
/// the first 32 of HMAC(secret, time ‖ salt ‖ realm). The server keeps no state per
/// challenge, yet can tell its own nonces from forged ones and knows their age. After a
/// restart every old nonce fails the check and its client is simply challenged again.
struct NonceFactory: Sendable {
    /// The result of checking a nonce a client sent back.
    enum Check: Equatable {
        /// Ours and younger than the lifetime; `issued` in monotonic nanoseconds.
        case valid(issued: UInt64)
        /// Ours but too old (RFC 7616 §3.3 `stale`).
        case expired(issued: UInt64)
        /// Not one we issued (forged, damaged or from before a restart).
        case invalid
    }

    private let hmac: HmacSHA256

    /// A factory with `secret`, or 32 fresh random bytes.
    init(secret: [UInt8]? = nil) {
        var key: [UInt8]
        if let secret {
            key = secret
        } else {
            key = [UInt8](repeating: 0, count: 32)
            if RAND_bytes(&key, Int32(key.count)) != 1 {
                // OpenSSL's generator failed to seed (should not happen); fall back to the system's.
                var rng = SystemRandomNumberGenerator()
                for i in key.indices { key[i] = UInt8.random(in: 0...255, using: &rng) }
            }
        }
        // Without HMAC-SHA-256 no nonce can be made or checked: a broken OpenSSL installation.
        guard let hmac = HmacSHA256(key: key) else { fatalError("OpenSSL provides no HMAC-SHA-256") }
        self.hmac = hmac
    }

    /// A new nonce for `realm` issued at `now` (monotonic nanoseconds).
    func make(realm: String, now: UInt64) -> String {
        // From the per-thread pool: UInt64.random made a getrandom(2) call for every challenge.
        let salt = RandomToken.next64()
        return Self.hex64(now) + Self.hex64(salt) + mac(time: now, salt: salt, realm: realm)
    }

    /// Checks a nonce a client returned for `realm`.
    func check(_ nonce: String, realm: String, now: UInt64, lifetimeNanos: UInt64) -> Check {
        let bytes = Array(nonce.utf8)
        guard bytes.count == 64, let time = Self.parseHex64(bytes[0..<16]),
              let salt = Self.parseHex64(bytes[16..<32])
        else { return .invalid }
        let expected = Array(mac(time: time, salt: salt, realm: realm).utf8)
        guard ConstantTime.equal(expected, Array(bytes[32..<64])) else { return .invalid }
        // A nonce "from the future" cannot be ours in this process; refuse it.
        guard time <= now else { return .invalid }
        return now - time > lifetimeNanos ? .expired(issued: time) : .valid(issued: time)
    }

    private func mac(time: UInt64, salt: UInt64, realm: String) -> String {
        var data: [UInt8] = []
        data.reserveCapacity(16 + realm.utf8.count)
        withUnsafeBytes(of: time.bigEndian) { data.append(contentsOf: $0) }
        withUnsafeBytes(of: salt.bigEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: realm.utf8)
        let tag = data.withUnsafeBytes { hmac.tag($0) }
        return HexEncoding.encode(tag[0..<16])
    }

    static func hex64(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    static func parseHex64(_ digits: ArraySlice<UInt8>) -> UInt64? {
        var v: UInt64 = 0
        for d in digits {
            let n: UInt8
            switch d {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): n = d - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): n = d - UInt8(ascii: "a") + 10
            default: return nil
            }
            v = v << 4 | UInt64(n)
        }
        return v
    }
}

/// Comparison whose time does not depend on where the inputs differ, so that an attacker
/// cannot learn a digest byte by byte from response times.
enum ConstantTime {
    static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var diff: UInt8 = 0
        for i in a.indices { diff |= a[i] ^ b[i] }
        return diff == 0
    }
}
