/// The parts of a `SipURI`, held in one shared object so that copying a URI (and the
/// name-addr, Route or Contact that carries it) is one retain instead of one per
/// string and list. `SipURI` copies it before changing it when it is shared
/// (copy on write), so a box is never changed while another URI can see it.
///
/// A name-addr's parts are a subclass (`NameAddrParts`), so that a name-addr and its
/// SIP URI live in one object: the URI read from a name-addr points at that object.
@usableFromInline
class SipURIParts: HeaderFieldCache, @unchecked Sendable {
    @usableFromInline var user: String?
    @usableFromInline var password: String?
    @usableFromInline var host: String
    @usableFromInline var port: Int?
    @usableFromInline var parameters: Parameters
    @usableFromInline var headers: [(name: String, value: String)]

    @usableFromInline
    init(user: String?, password: String?, host: String, port: Int?, parameters: Parameters,
         headers: [(name: String, value: String)]) {
        self.user = user
        self.password = password
        self.host = host
        self.port = port
        self.parameters = parameters
        self.headers = headers
    }

    /// An unshared copy of the URI's parts alone (also when this is a name-addr's object),
    /// for a URI about to change.
    @usableFromInline final func copy() -> SipURIParts {
        SipURIParts(user: user, password: password, host: host, port: port, parameters: parameters, headers: headers)
    }

    /// Empties the URI parts (a name-addr whose URI is now of another kind).
    @usableFromInline final func clearURIParts() {
        user = nil
        password = nil
        host = ""
        port = nil
        parameters = Parameters()
        headers = []
    }

    /// Takes the URI parts of `other`.
    @usableFromInline final func assign(_ other: SipURIParts) {
        user = other.user
        password = other.password
        host = other.host
        port = other.port
        parameters = other.parameters
        headers = other.headers
    }
}
