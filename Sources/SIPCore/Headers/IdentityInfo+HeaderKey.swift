extension HeaderKey where Value == IdentityInfo {
    /// Identity-Info (RFC 4474 §9); compact form `n`.
    @inlinable public static var identityInfo: HeaderKey<IdentityInfo> { HeaderKey(.identityInfo) }
}
