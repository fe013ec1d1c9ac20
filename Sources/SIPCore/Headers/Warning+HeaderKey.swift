extension ListHeaderKey where Element == Warning {
    /// Warning (RFC 3261 §20.43), comma-separated.
    public static var warnings: ListHeaderKey<Warning> { ListHeaderKey(.warning) }
}
