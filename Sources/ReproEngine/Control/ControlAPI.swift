/// The one interface the console, the CLI and any later admin API use to watch
/// and steer the engine (../shared/ARCHITECTURE.md, Events and the control API).
///
/// It works in-process (`EngineControl`) and over a local socket
/// (`ControlSocketClient`), with the same Codable values either way. Every call
/// is async and never blocks an engine event loop.
public protocol ControlAPI: Sendable {
    /// Uptime, listening transports, counters and rates.
    func status() async throws -> EngineStatus
    /// Every current binding (the registrations pane).
    func registrations() async throws -> [RegistrationInfo]
    /// Removes one binding (`contact` nil removes every binding of the AOR).
    func removeBinding(aor: String, contact: String?) async throws

    func users() async throws -> [UserInfo]
    /// Adds a user; the password is hashed at once and never stored.
    func addUser(_ user: UserInfo, password: String) async throws
    /// Changes display name, email, forward address (not the password).
    func updateUser(_ user: UserInfo) async throws
    func setPassword(user: String, domain: String, password: String) async throws
    func setUserEnabled(user: String, domain: String, enabled: Bool) async throws
    func removeUser(user: String, domain: String) async throws
    func domains() async throws -> [String]

    /// Static routes in evaluation order.
    func routes() async throws -> [RouteInfo]
    func addRoute(_ route: RouteInfo) async throws -> RouteInfo
    func updateRoute(_ route: RouteInfo) async throws
    func removeRoute(id: UInt32) async throws
    /// Moves a route one place up (`by: -1`) or down (`by: 1`) in evaluation order.
    func moveRoute(id: UInt32, by offset: Int) async throws
    /// Which route matches `uri` for `method`, and the rewritten target.
    func testRoute(uri: String, method: String) async throws -> RouteTestResult

    /// The most recent finished chain traces, newest last.
    func traces(limit: Int) async throws -> [ChainTrace]

    /// Events after `cursor` (0 for "from the oldest kept"), at most `limit`.
    /// Never blocks: returns what is there, with the count of events dropped
    /// because this reader fell behind.
    func events(after cursor: UInt64, limit: Int) async throws -> EventBatch
}

/// A failure reported through the control API, with a message for people.
public struct ControlError: Error, Codable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
