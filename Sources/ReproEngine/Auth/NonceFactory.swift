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
        /// Ours and younger than the lifetime.
        case valid(NonceID)
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

    /// The length of a nonce: 16 hex digits of time, 16 of salt, 32 of MAC.
    static let length = 64

    /// A new nonce for `realm` issued at `now` (monotonic nanoseconds).
    func make(realm: String, now: UInt64) -> String {
        // From the per-thread pool: UInt64.random made a getrandom(2) call for every challenge.
        let salt = RandomToken.next64()
        // Written in one buffer and turned into a String once.
        return String(unsafeUninitializedCapacity: Self.length) { out in
            Self.writeHex(now, into: out, at: 0)
            Self.writeHex(salt, into: out, at: 16)
            withTag(time: now, salt: salt, realm: realm) { tag in
                for i in 0..<16 {
                    out[32 + 2 * i] = HexEncoding.digits[Int(tag[i] >> 4)]
                    out[33 + 2 * i] = HexEncoding.digits[Int(tag[i] & 0x0f)]
                }
            }
            return Self.length
        }
    }

    /// Checks a nonce a client returned for `realm`.
    func check(_ nonce: String, realm: String, now: UInt64, lifetimeNanos: UInt64) -> Check {
        return nonce.withUTF8Bytes { bytes in
            guard bytes.count == Self.length, let time = Self.parseHex64(bytes, at: 0),
                  let salt = Self.parseHex64(bytes, at: 16)
            else { return .invalid }
            // Compares the digits with the expected tag's without stopping at the first difference.
            var diff: UInt8 = 0
            withTag(time: time, salt: salt, realm: realm) { tag in
                for i in 0..<16 {
                    diff |= bytes[32 + 2 * i] ^ HexEncoding.digits[Int(tag[i] >> 4)]
                    diff |= bytes[33 + 2 * i] ^ HexEncoding.digits[Int(tag[i] & 0x0f)]
                }
            }
            guard diff == 0 else { return .invalid }
            // A nonce "from the future" cannot be ours in this process; refuse it.
            guard time <= now else { return .invalid }
            return now - time > lifetimeNanos ? .expired(issued: time) : .valid(NonceID(issued: time, salt: salt))
        }
    }

    /// Calls `body` with HMAC(secret, time ‖ salt ‖ realm), all in buffers on the stack.
    private func withTag(time: UInt64, salt: UInt64, realm: String, _ body: (UnsafeRawBufferPointer) -> Void) {
        realm.withUTF8Bytes { realmBytes in
            withUnsafeTemporaryAllocation(byteCount: 16 + realmBytes.count, alignment: 8) { data in
                data.storeBytes(of: time.bigEndian, toByteOffset: 0, as: UInt64.self)
                data.storeBytes(of: salt.bigEndian, toByteOffset: 8, as: UInt64.self)
                UnsafeMutableRawBufferPointer(rebasing: data[16...]).copyMemory(from: UnsafeRawBufferPointer(realmBytes))
                withUnsafeTemporaryAllocation(byteCount: HmacSHA256.tagLength, alignment: 8) { tag in
                    hmac.tag(UnsafeRawBufferPointer(data), into: tag)
                    body(UnsafeRawBufferPointer(tag))
                }
            }
        }
    }

    /// Writes `v` as 16 lower-case hex digits at `offset`.
    private static func writeHex(_ v: UInt64, into out: UnsafeMutableBufferPointer<UInt8>, at offset: Int) {
        for i in 0..<16 {
            out[offset + i] = HexEncoding.digits[Int((v >> UInt64(60 - 4 * i)) & 0x0f)]
        }
    }

    /// The value of 16 lower-case hex digits at `offset`; nil for anything else.
    static func parseHex64(_ digits: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt64? {
        var v: UInt64 = 0
        for i in offset..<(offset + 16) {
            let d = digits[i]
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
    /// Whether the hex digest `received` (digits in any case) equals `expected` (lower case),
    /// comparing every byte whatever the first difference, and copying neither.
    static func equalHex(_ expected: String, _ received: String) -> Bool {
        expected.withUTF8Bytes { e in
            received.withUTF8Bytes { r in
                guard e.count == r.count else { return false }
                var diff: UInt8 = 0
                for i in 0..<e.count {
                    let b = r[i]
                    diff |= e[i] ^ (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b | 0x20 : b)
                }
                return diff == 0
            }
        }
    }
}
