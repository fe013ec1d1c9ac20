/// The parts of a `SipURI`, held in one shared object so that copying a URI (and the
/// name-addr, Route or Contact that carries it) is one retain instead of one per
/// string and list. `SipURI` copies it before changing it when it is shared
/// (copy on write), so a box is never changed while another URI can see it.
@usableFromInline
final class SipURIParts: @unchecked Sendable {
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

    /// An unshared copy, for a URI about to change.
    @usableFromInline func copy() -> SipURIParts {
        SipURIParts(user: user, password: password, host: host, port: port,
                    parameters: parameters, headers: headers)
    }
}
