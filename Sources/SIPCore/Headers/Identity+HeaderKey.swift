extension HeaderKey where Value == Identity {
    /// Identity (RFC 8224 §4.1); compact form `y`.
    @inlinable public static var identity: HeaderKey<Identity> { HeaderKey(.identity) }
}
