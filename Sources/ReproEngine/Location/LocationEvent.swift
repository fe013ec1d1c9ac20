/// A change of the location service, for the console's registrations pane and the
/// event stream (../shared/ARCHITECTURE.md, "Events and the control API").
public enum LocationEvent: Sendable, Hashable {
    /// A contact was bound to an address-of-record for the first time.
    case added(Binding)
    /// An existing binding was re-registered (new expiry, Call-ID or CSeq).
    case refreshed(Binding)
    /// A binding was removed by a REGISTER (expires=0 or `Contact: *`) or by a command.
    case removed(Binding)
    /// A binding lapsed and the reaper removed it.
    case expired(Binding)
}
