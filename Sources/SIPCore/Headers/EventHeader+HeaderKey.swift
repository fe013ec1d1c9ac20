extension HeaderKey where Value == EventHeader {
    /// Event (RFC 6665 §8.2.1); compact form `o`.
    @inlinable public static var event: HeaderKey<EventHeader> { HeaderKey(.event) }
}
