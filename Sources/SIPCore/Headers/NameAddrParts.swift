/// The reference-counted parts of a `NameAddr`, in one shared object so that copying a
/// name-addr (reading From, To, a Route or a Contact hands out a copy) is one retain.
/// `NameAddr` copies it before changing it when it is shared (copy on write).
///
/// It holds the whole value, so a header line with one name-addr caches this object
/// itself (it is a `HeaderFieldCache`), with no second object around it.
@usableFromInline
final class NameAddrParts: HeaderFieldCache, @unchecked Sendable {
    @usableFromInline var displayName: String?
    @usableFromInline var uri: URI
    @usableFromInline var parameters: Parameters
    @usableFromInline var isWildcard: Bool
    @usableFromInline var usesAngleBrackets: Bool

    @usableFromInline
    init(displayName: String?, uri: URI, parameters: Parameters, isWildcard: Bool, usesAngleBrackets: Bool) {
        self.displayName = displayName
        self.uri = uri
        self.parameters = parameters
        self.isWildcard = isWildcard
        self.usesAngleBrackets = usesAngleBrackets
    }

    /// An unshared copy, for a name-addr about to change.
    @usableFromInline func copy() -> NameAddrParts {
        NameAddrParts(displayName: displayName, uri: uri, parameters: parameters, isWildcard: isWildcard,
                      usesAngleBrackets: usesAngleBrackets)
    }
}
