extension HeaderKey where Value == SipDate {
    /// Date (RFC 3261 §20.17). Single-valued: the rfc1123-date holds a comma.
    @inlinable public static var date: HeaderKey<SipDate> { HeaderKey(.date) }
}
