import NIOCore

/// Security-relevant outcomes of digest authentication, for the event stream and the console.
public enum AuthEvent: Sendable, Hashable {
    /// Credentials were refused (wrong password, unknown user, replayed nonce count).
    case failed(source: String, user: String, reason: String)
    /// `source` made too many failed attempts (from itself, or against `user`) and is
    /// refused until `until`.
    case lockout(source: String, user: String?, until: NIODeadline)
}
