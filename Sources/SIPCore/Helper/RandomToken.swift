import COpenSSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Unguessable identifiers for tags, branches and Call-IDs (RFC 3261 §19.3 asks for
/// cryptographic randomness of at least 32 bits; these carry 64 to 128).
///
/// The alphabet is [0-9a-zA-Z] without `q` and `Q`: 60 symbols, 5.9 bits each. Some peers
/// find a header by searching the message for its name anywhere (SIPp 3.6 looks for
/// "CSeq" this way, and about one REGISTER in 100,000 failed in load runs because a To tag
/// happened to contain it). Without a `q` no token can spell CSeq, in any case.
public enum RandomToken {
    static let alphabet: [UInt8] = Array("0123456789abcdefghijklmnoprstuvwxyzABCDEFGHIJKLMNOPRSTUVWXYZ".utf8)

    /// `count` random characters from the alphabet, drawn from a secure generator.
    ///
    /// Each thread draws 4 KiB from OpenSSL's generator at a time and hands out bytes from that
    /// pool: a proxy makes a branch, a tag or a Call-ID for most messages, and a system
    /// call for each (or a lock shared by all event loops) showed in profiles.
    public static func make(count: Int) -> String {
        let pool = RandomPool.current
        return String(unsafeUninitializedCapacity: count) { out in
            var i = 0
            while i < count {
                // 6 bits per byte; values past the alphabet are rejected to keep the draw uniform.
                let v = Int(pool.next() & 63)
                if v < alphabet.count {
                    out[i] = alphabet[v]
                    i += 1
                }
            }
            return count
        }
    }
}

extension RandomToken {
    /// A random 64-bit value from the same per-thread pool (no system call per value).
    public static func next64() -> UInt64 {
        let pool = RandomPool.current
        var v: UInt64 = 0
        for _ in 0..<8 { v = v << 8 | UInt64(pool.next()) }
        return v
    }
}

/// One thread's buffer of bytes from the system's CSPRNG.
final class RandomPool {
    private var bytes = [UInt8](repeating: 0, count: 4096)
    private var used = 4096

    func next() -> UInt8 {
        if used == bytes.count { refill() }
        defer { used += 1 }
        return bytes[used]
    }

    /// Refills from OpenSSL's CSPRNG (seeded by the system), one call per 4 KiB.
    private func refill() {
        let ok = bytes.withUnsafeMutableBufferPointer { RAND_bytes($0.baseAddress, Int32($0.count)) }
        if ok != 1 {
            // OpenSSL could not seed itself: the system generator directly.
            var rng = SystemRandomNumberGenerator()
            for i in bytes.indices { bytes[i] = rng.next() }
        }
        used = 0
    }

    /// The calling thread's pool.
    static var current: RandomPool {
        if let p = pthread_getspecific(key) { return Unmanaged<RandomPool>.fromOpaque(p).takeUnretainedValue() }
        let pool = RandomPool()
        pthread_setspecific(key, Unmanaged.passRetained(pool).toOpaque())
        return pool
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { p in
            if let p { Unmanaged<RandomPool>.fromOpaque(p).release() }
        }
        return key
    }()
}
