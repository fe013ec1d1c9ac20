/// Why a store operation failed. Every case leaves the store unchanged.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `user@domain` already exists.
    case duplicateUser(String)
    /// `user@domain` does not exist.
    case unknownUser(String)
    /// The domain is not one this proxy is responsible for.
    case unknownDomain(String)
    /// The domain already exists.
    case duplicateDomain(String)
    /// The domain still has users; remove them first.
    case domainInUse(String, users: Int)
    /// No route has this id.
    case unknownRoute(UInt32)
    /// A route with this id already exists (import without replace).
    case duplicateRoute(UInt32)
    /// No ACL entry has this id.
    case unknownAcl(UInt32)
    /// An ACL entry with this id already exists (import without replace).
    case duplicateAcl(UInt32)
    /// The value given for a field is not acceptable; the message says why.
    case invalidValue(field: String, reason: String)
    /// A route's match pattern is not a valid regular expression.
    case invalidPattern(String, reason: String)
    /// A text that should be a SIP or tel URI is not one.
    case malformedURI(String, reason: String)
    /// A stored record could not be decoded: the file is damaged or from a newer repro.
    case corruptRecord(file: String, key: String, reason: String)
    /// The database library reported an error on `file` (or on the environment).
    case database(file: String, code: Int32, message: String)
    /// The data directory cannot be created or used.
    case dataDirectory(path: String, reason: String)

    /// A message for operators: what went wrong and with which name or file.
    public var description: String {
        switch self {
        case .duplicateUser(let aor): return "user \(aor) already exists"
        case .unknownUser(let aor): return "no such user: \(aor)"
        case .unknownDomain(let d): return "unknown domain: \(d) (add it with `repro domain add \(d)`)"
        case .duplicateDomain(let d): return "domain \(d) already exists"
        case .domainInUse(let d, let n): return "domain \(d) still has \(n) user(s); remove them first"
        case .unknownRoute(let id): return "no such route: \(id)"
        case .duplicateRoute(let id): return "route \(id) already exists"
        case .unknownAcl(let id): return "no such ACL entry: \(id)"
        case .duplicateAcl(let id): return "ACL entry \(id) already exists"
        case .invalidValue(let field, let reason): return "invalid \(field): \(reason)"
        case .invalidPattern(let p, let reason): return "invalid regular expression \(p.debugDescription): \(reason)"
        case .malformedURI(let uri, let reason): return "malformed URI \(uri.debugDescription): \(reason)"
        case .corruptRecord(let file, let key, let reason):
            return "\(file): corrupt record \(key.debugDescription): \(reason)"
        case .database(let file, let code, let message): return "\(file): \(message) (error \(code))"
        case .dataDirectory(let path, let reason): return "data directory \(path): \(reason)"
        }
    }
}
