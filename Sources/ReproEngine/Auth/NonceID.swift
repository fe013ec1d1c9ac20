/// What tells one nonce this process issued from every other: its issue time and its
/// salt (`NonceFactory`). Two integers, so the nonce-count table hashes and keeps them
/// without the 64-character text.
struct NonceID: Hashable, Sendable {
    /// When it was issued, in monotonic nanoseconds.
    let issued: UInt64
    let salt: UInt64
}
