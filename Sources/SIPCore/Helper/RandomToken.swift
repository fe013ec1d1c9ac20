import COpenSSL

/// Unguessable identifiers for tags, branches and Call-IDs (RFC 3261 §19.3 asks for
/// cryptographic randomness of at least 32 bits; these carry 64 to 128).
public enum RandomToken {
    private static let alphabet: [UInt8] = Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)

    /// `count` random characters from [0-9a-zA-Z], drawn from OpenSSL's CSPRNG (seeded by
    /// the system, and unlike the system generator it costs no system call per draw).
    public static func make(count: Int) -> String {
        var out = [UInt8](repeating: 0, count: count)
        // Each byte gives one draw of 6 bits; 62 and 63 are rejected to keep the draw
        // uniform over the 62 symbols, so a few spare bytes are drawn with the rest.
        var pool = [UInt8](repeating: 0, count: count + 8)
        var used = pool.count
        var i = 0
        while i < count {
            if used == pool.count {
                fill(&pool)
                used = 0
            }
            let v = Int(pool[used] & 63)
            used += 1
            if v < 62 {
                out[i] = alphabet[v]
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func fill(_ bytes: inout [UInt8]) {
        let ok = bytes.withUnsafeMutableBufferPointer { RAND_bytes($0.baseAddress, Int32($0.count)) }
        if ok != 1 {
            // OpenSSL could not seed itself: fall back to the system generator.
            var rng = SystemRandomNumberGenerator()
            for i in bytes.indices { bytes[i] = rng.next() }
        }
    }
}
