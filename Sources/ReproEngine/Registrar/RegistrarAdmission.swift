import ReproStore
import SIPCore

/// The outcome of the registrar's first two steps (RFC 3261 §10.3 steps 1–2).
public enum RegistrarAdmission: Sendable {
    /// The REGISTER is for `domain`; go on to authentication.
    case accepted(DomainRecord)
    /// Send this final response.
    case refused(SipMessage)
}
