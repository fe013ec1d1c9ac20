extension HeaderKey where Value == MediaType {
    /// Content-Type (RFC 3261 §20.15); compact form `c`.
    @inlinable public static var contentType: HeaderKey<MediaType> { HeaderKey(.contentType) }
}
