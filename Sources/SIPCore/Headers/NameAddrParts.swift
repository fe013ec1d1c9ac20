/// The reference-counted parts of a `NameAddr`, in one shared object so that copying a
/// name-addr (reading From, To, a Route or a Contact hands out a copy) is one retain.
/// `NameAddr` copies it before changing it when it is shared (copy on write).
///
/// It is a `SipURIParts`: a SIP URI's parts are this object's own, and the URI read from
/// the name-addr points at it, so a name-addr with a SIP URI is one allocation. Another
/// kind of URI (tel, absolute) is held in `otherURI`.
///
/// It holds the whole value, so a header line with one name-addr caches this object
/// itself (it is a `HeaderFieldCache`), with no second object around it.
@usableFromInline
final class NameAddrParts: SipURIParts, @unchecked Sendable {
    @usableFromInline var storedDisplayName: String?
    /// The display name as received (a token run, or a quoted-string's inside with no
    /// escape in it), read in place until it is set; then nil.
    @usableFromInline var receivedDisplayName: ReceivedText?

    @inlinable var displayName: String? {
        get {
            if let receivedDisplayName { return receivedDisplayName.string }
            return storedDisplayName
        }
        set {
            receivedDisplayName = nil
            storedDisplayName = newValue
        }
    }
    /// The URI when it is not a SIP URI; nil when the inherited parts hold it.
    @usableFromInline var otherURI: URI?
    /// `sips` rather than `sip`, for a SIP URI.
    @usableFromInline var isSecure: Bool
    /// The header parameters after the URI (the inherited `parameters` are the URI's).
    @usableFromInline var fieldParameters = Parameters()
    @usableFromInline var isWildcard = false
    @usableFromInline var usesAngleBrackets: Bool

    /// Parts with a SIP URI's parts and no header parameters yet, as the parser reads them.
    @usableFromInline
    init(displayName: String?, receivedDisplayName: ReceivedText? = nil, isSecure: Bool, usesAngleBrackets: Bool,
         user: String?, password: String?, host: String, port: Int?, uriParameters: Parameters,
         uriHeaders: [(name: String, value: String)], received: ReceivedUserHost? = nil) {
        self.storedDisplayName = displayName
        self.receivedDisplayName = receivedDisplayName
        self.isSecure = isSecure
        self.usesAngleBrackets = usesAngleBrackets
        super.init(user: user, password: password, host: host, port: port, parameters: uriParameters,
                   headers: uriHeaders, received: received)
    }

    @usableFromInline
    convenience init(displayName: String?, uri: URI, parameters: Parameters, isWildcard: Bool,
                     usesAngleBrackets: Bool) {
        self.init(displayName: displayName, isSecure: false, usesAngleBrackets: usesAngleBrackets, user: nil,
                  password: nil, host: "", port: nil, uriParameters: Parameters(), uriHeaders: [])
        setURI(uri)
        fieldParameters = parameters
        self.isWildcard = isWildcard
    }

    /// The URI: a SIP URI sharing this object, or the other one.
    @inlinable var uri: URI {
        if let otherURI { return otherURI }
        return .sip(SipURI(parts: self, isSecure: isSecure))
    }

    /// Replaces the URI (this object must not be shared).
    @usableFromInline func setURI(_ newValue: URI) {
        guard case .sip(let u) = newValue else {
            otherURI = newValue
            clearURIParts()
            return
        }
        otherURI = nil
        isSecure = u.isSecure
        if u.parts !== self { assign(u.parts) }
    }

    /// An unshared copy, for a name-addr about to change.
    @usableFromInline func copyNameAddr() -> NameAddrParts {
        let c = NameAddrParts(displayName: storedDisplayName, receivedDisplayName: receivedDisplayName,
                              isSecure: isSecure, usesAngleBrackets: usesAngleBrackets, user: storedUser,
                              password: password, host: storedHost, port: port, uriParameters: parameters,
                              uriHeaders: headers, received: received)
        c.otherURI = otherURI
        c.fieldParameters = fieldParameters
        c.isWildcard = isWildcard
        return c
    }
}
