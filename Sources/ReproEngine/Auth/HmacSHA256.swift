import COpenSSL
import Synchronization

/// HMAC-SHA-256 (RFC 2104) under one key, through one OpenSSL MAC context set up once.
///
/// OpenSSL 3's one-shot `HMAC()` looks up the HMAC and SHA-256 implementations in its
/// provider tables on every call, under read-write locks the event loops then contend
/// for: about 1.7 µs a call on this machine, several times that under load. A context
/// keyed once and re-initialised with the same key (`EVP_MAC_init` without a key) costs
/// about 0.3 µs. The context is not safe for concurrent use, so a mutex serialises the
/// short computations.
final class HmacSHA256: Sendable {
    /// The length of a tag.
    static let tagLength = 32

    /// The `EVP_MAC_CTX`, only ever used under the mutex.
    private struct Context: @unchecked Sendable {
        let pointer: OpaquePointer
    }

    private let context: Mutex<Context>

    /// A MAC keyed with `key`; nil when OpenSSL cannot provide HMAC with SHA-256.
    init?(key: [UInt8]) {
        guard let mac = EVP_MAC_fetch(nil, "HMAC", nil) else { return nil }
        defer { EVP_MAC_free(mac) }
        guard let ctx = EVP_MAC_CTX_new(mac) else { return nil }
        var digestName = Array("SHA256".utf8CString)
        let ok = "digest".withCString { name in
            digestName.withUnsafeMutableBufferPointer { value in
                var params = [OSSL_PARAM_construct_utf8_string(name, value.baseAddress, 0), OSSL_PARAM_construct_end()]
                return key.withUnsafeBufferPointer { k in EVP_MAC_init(ctx, k.baseAddress, k.count, &params) }
            }
        }
        guard ok == 1 else {
            EVP_MAC_CTX_free(ctx)
            return nil
        }
        context = Mutex(Context(pointer: ctx))
    }

    deinit {
        context.withLock { EVP_MAC_CTX_free($0.pointer) }
    }

    /// Writes the tag of `data` into the first `tagLength` bytes of `out`.
    func tag(_ data: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) {
        precondition(out.count >= Self.tagLength, "no room for an HMAC-SHA-256 tag")
        var length = 0
        let ok = context.withLock { c in
            let ctx = c.pointer
            // Without a key, init starts a new computation under the key set at creation.
            return EVP_MAC_init(ctx, nil, 0, nil) == 1
                && EVP_MAC_update(ctx, data.baseAddress?.assumingMemoryBound(to: UInt8.self), data.count) == 1
                && EVP_MAC_final(ctx, out.baseAddress?.assumingMemoryBound(to: UInt8.self), &length, out.count) == 1
        }
        // These only fail when OpenSSL cannot allocate; a tag we cannot compute is unusable.
        precondition(ok && length == Self.tagLength, "OpenSSL HMAC-SHA-256 failed")
    }
}
