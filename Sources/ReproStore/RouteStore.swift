/// The static routes (repro's `StaticRoute` processor table).
///
/// Blocking, like every store protocol: never call from an event loop; use `StoreExecutor`.
public protocol RouteStore: AnyObject, Sendable {
    /// Committed changes, for caches and live views.
    var changes: StoreChangeNotifier { get }

    /// Validates and adds a route, returning it with its assigned id.
    /// Throws `invalidPattern` for a bad regular expression, `invalidValue` for a
    /// rewrite that names a missing capture group, `malformedURI` for a bad target.
    @discardableResult
    func addRoute(_ route: StaticRoute) throws -> StaticRoute

    /// The route with `id`, or `nil`.
    func route(id: UInt32) throws -> StaticRoute?

    /// All routes in evaluation order: ascending `order`, then id.
    func routes() throws -> [StaticRoute]

    /// Removes a route; throws `unknownRoute` if absent.
    func removeRoute(id: UInt32) throws
}

extension RouteStore {
    /// The routes compiled for matching; rebuild it when `changes` reports a route change.
    public func routeTable() throws -> RouteTable {
        try RouteTable(routes: routes())
    }
}
