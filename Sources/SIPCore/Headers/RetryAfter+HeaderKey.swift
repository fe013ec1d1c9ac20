extension HeaderKey where Value == RetryAfter {
    /// Retry-After (RFC 3261 §20.33).
    @inlinable public static var retryAfter: HeaderKey<RetryAfter> { HeaderKey(.retryAfter) }
}
