extension ListHeaderKey where Element == Warning {
    /// Warning (RFC 3261 §20.43), comma-separated.
    @inlinable public static var warnings: ListHeaderKey<Warning> { ListHeaderKey(.warning) }
}
