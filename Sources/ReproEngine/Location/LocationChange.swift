/// A change to one stored binding as the location service made it: the public
/// `LocationEvent` is built from it only when someone reads it.
final class LocationChange: Sendable {
    let kind: LocationService.Change
    let aor: String
    let stored: StoredBinding

    init(_ kind: LocationService.Change, aor: String, stored: StoredBinding) {
        self.kind = kind
        self.aor = aor
        self.stored = stored
    }

    /// The change as a public event (parses the stored contact).
    var event: LocationEvent {
        let binding = stored.binding(aor: aor)
        switch kind {
        case .added: return .added(binding)
        case .refreshed: return .refreshed(binding)
        case .removed: return .removed(binding)
        case .expired: return .expired(binding)
        }
    }
}
