/// The user accounts the registrar and digest authenticator consult.
///
/// Every method blocks (the Berkeley DB backend does disk I/O and takes locks):
/// never call one from a SwiftNIO event loop. From async code or a loop, go
/// through `StoreExecutor`, which runs the call on a thread of its own.
public protocol UserStore: AnyObject, Sendable {
    /// Committed changes, for caches and live views.
    var changes: StoreChangeNotifier { get }

    /// Adds a user. Throws `duplicateUser` if the address exists, `unknownDomain`
    /// if the domain is not served, `invalidValue`/`malformedURI` for bad fields.
    func addUser(_ user: UserRecord) throws

    /// The user `user@domain`, or `nil`.
    func user(_ user: String, domain: String) throws -> UserRecord?

    /// All users, ordered by domain then user; only those of `domain` when given.
    func users(domain: String?) throws -> [UserRecord]

    /// Atomically reads, changes and writes back a user, returning the new record.
    ///
    /// `change` may run more than once (a transaction that loses a deadlock is
    /// retried), so it must only compute from its argument. It may not change
    /// the user or domain (the record's key). Throws `unknownUser` if absent.
    @discardableResult
    func updateUser(_ user: String, domain: String,
                    _ change: (inout UserRecord) throws -> Void) throws -> UserRecord

    /// Removes a user; throws `unknownUser` if absent.
    func removeUser(_ user: String, domain: String) throws

    /// The number of users.
    func userCount() throws -> Int
}

extension UserStore {
    /// Sets a new password: recomputes both HA1 values for the user's realm.
    @discardableResult
    public func setPassword(_ password: String, user: String, domain: String) throws -> UserRecord {
        try updateUser(user, domain: domain) { $0.setPassword(password) }
    }

    /// Enables or disables an account.
    @discardableResult
    public func setEnabled(_ enabled: Bool, user: String, domain: String) throws -> UserRecord {
        try updateUser(user, domain: domain) { $0.enabled = enabled }
    }
}
