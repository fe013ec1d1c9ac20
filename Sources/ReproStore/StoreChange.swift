/// A committed change to the store, as observers see it.
///
/// Changes are published after the write has committed, so an observer that
/// re-reads the store sees the new state.
public enum StoreChange: Sendable, Hashable {
    /// What happened to the named record.
    public enum Kind: Sendable, Hashable { case added, updated, removed }

    /// A user record changed; the payload is the address of record `user@domain`.
    case user(aor: String, Kind)
    /// A domain changed.
    case domain(name: String, Kind)
    /// A static route changed.
    case route(id: UInt32, Kind)
    /// An ACL entry changed.
    case acl(id: UInt32, Kind)
    /// Many records changed at once (an import); observers should reload everything.
    case reloaded
}
