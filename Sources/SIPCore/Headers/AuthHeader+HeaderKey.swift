// RFC 3261 §7.3.1: these headers are not combined with commas, as their values
// hold commas of their own; each value is on a line of its own.
extension ListHeaderKey where Element == AuthHeader {
    /// Authorization (RFC 3261 §20.7).
    @inlinable public static var authorizations: ListHeaderKey<AuthHeader> {
        ListHeaderKey(.authorization, commaSeparated: false)
    }
    /// Proxy-Authorization (RFC 3261 §20.28).
    @inlinable public static var proxyAuthorizations: ListHeaderKey<AuthHeader> {
        ListHeaderKey(.proxyAuthorization, commaSeparated: false)
    }
    /// WWW-Authenticate (RFC 3261 §20.44).
    @inlinable public static var wwwAuthenticates: ListHeaderKey<AuthHeader> {
        ListHeaderKey(.wwwAuthenticate, commaSeparated: false)
    }
    /// Proxy-Authenticate (RFC 3261 §20.27).
    @inlinable public static var proxyAuthenticates: ListHeaderKey<AuthHeader> {
        ListHeaderKey(.proxyAuthenticate, commaSeparated: false)
    }
}
