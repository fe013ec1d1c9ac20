/// Unguessable identifiers for tags, branches and Call-IDs (RFC 3261 §19.3 asks for
/// cryptographic randomness of at least 32 bits; these carry 64 to 128).
public enum RandomToken {
    private static let alphabet: [UInt8] = Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)

    /// `count` random characters from [0-9a-zA-Z], drawn from the system's secure generator.
    public static func make(count: Int) -> String {
        var rng = SystemRandomNumberGenerator()
        var out = [UInt8](repeating: 0, count: count)
        var bits: UInt64 = 0
        var left = 0
        var i = 0
        while i < count {
            if left < 6 {
                bits = rng.next()
                left = 64
            }
            let v = Int(bits & 63)
            bits >>= 6
            left -= 6
            // 62 symbols: values 62 and 63 are rejected to keep the draw uniform.
            if v < 62 {
                out[i] = alphabet[v]
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
