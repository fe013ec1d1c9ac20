import COpenSSL

/// A digest algorithm usable in SIP digest authentication.
///
/// RFC 3261 §22.4 defines MD5; RFC 7616 §3.2 and RFC 8760 add SHA-256.
public enum DigestAlgorithm: String, Sendable, CaseIterable, Codable {
    case md5 = "MD5"
    case sha256 = "SHA-256"

    /// Parses the `algorithm` parameter value (case-insensitive); `nil` when unknown.
    public init?(token: some StringProtocol) {
        switch token.lowercased() {
        case "md5": self = .md5
        case "sha-256": self = .sha256
        default: return nil
        }
    }

    /// The lower-case hexadecimal hash of `input` under this algorithm.
    public func hexHash(_ input: some StringProtocol) -> String {
        String(input).withUTF8Bytes { hexHash(UnsafeRawBufferPointer($0)) }
    }

    /// The lower-case hexadecimal hash of `parts` joined by ":" (RFC 7616 §3.4.1 writes every
    /// digest input so), hashed from one buffer with no joined String in between.
    public func hexHash(colonJoined parts: String...) -> String {
        var total = max(0, parts.count - 1)
        for p in parts { total += p.utf8.count }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, total)) { buffer in
            var n = 0
            for (i, part) in parts.enumerated() {
                if i > 0 {
                    buffer[n] = UInt8(ascii: ":")
                    n += 1
                }
                part.withUTF8Bytes { bytes in
                    for b in bytes {
                        buffer[n] = b
                        n += 1
                    }
                }
            }
            return hexHash(UnsafeRawBufferPointer(start: buffer.baseAddress, count: n))
        }
    }

    // OpenSSL 3 looks the implementation of `EVP_md5()` up in its provider tables on every
    // use (locks and a name search); fetched once, it is used directly. Read-only after
    // initialisation, so sharing the pointers between threads is safe.
    nonisolated(unsafe) private static let fetchedMD5: OpaquePointer? = EVP_MD_fetch(nil, "MD5", nil) ?? EVP_md5()
    nonisolated(unsafe) private static let fetchedSHA256: OpaquePointer? = EVP_MD_fetch(nil, "SHA256", nil) ?? EVP_sha256()

    /// The lower-case hexadecimal hash of `bytes` under this algorithm.
    public func hexHash(bytes: inout [UInt8]) -> String {
        bytes.withUnsafeBytes { hexHash($0) }
    }

    /// The lower-case hexadecimal hash of `input`: digest and digits in buffers on the stack,
    /// one String made at the end.
    private func hexHash(_ input: UnsafeRawBufferPointer) -> String {
        let md = self == .md5 ? Self.fetchedMD5 : Self.fetchedSHA256
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Int(EVP_MAX_MD_SIZE)) { out in
            var length: UInt32 = 0
            let ok = EVP_Digest(input.baseAddress, input.count, out.baseAddress, &length, md, nil)
            // EVP_Digest only fails on allocation failure inside OpenSSL; treat it as fatal.
            precondition(ok == 1, "OpenSSL EVP_Digest failed")
            return HexEncoding.encode(UnsafeBufferPointer(rebasing: out[..<Int(length)]))
        }
    }
}

/// Lower-case hexadecimal encoding as digest authentication uses it (RFC 7616 §3.4.1).
public enum HexEncoding {
    /// The sixteen lower-case digits, by value.
    public static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Encodes bytes as lower-case hexadecimal.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        String(unsafeUninitializedCapacity: 2 * bytes.count) { out in
            var n = 0
            for b in bytes {
                out[n] = digits[Int(b >> 4)]
                out[n + 1] = digits[Int(b & 0x0f)]
                n += 2
            }
            return n
        }
    }
}
