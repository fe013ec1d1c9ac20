/// The reference-counted parts of a `NameAddr`, in one shared object so that copying a
/// name-addr (reading From, To, a Route or a Contact hands out a copy) is one retain.
/// `NameAddr` copies it before changing it when it is shared (copy on write).
@usableFromInline
final class NameAddrParts: @unchecked Sendable {
    @usableFromInline var displayName: String?
    @usableFromInline var uri: URI
    @usableFromInline var parameters: Parameters

    @usableFromInline
    init(displayName: String?, uri: URI, parameters: Parameters) {
        self.displayName = displayName
        self.uri = uri
        self.parameters = parameters
    }

    /// An unshared copy, for a name-addr about to change.
    @usableFromInline func copy() -> NameAddrParts {
        NameAddrParts(displayName: displayName, uri: uri, parameters: parameters)
    }
}
