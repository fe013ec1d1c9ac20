import Foundation

/// The control socket's wire format: one JSON object per line each way.
///
/// A request names a `ControlAPI` method and carries its parameters; the response with the
/// same `id` carries the result or a `ControlError`. Requests on one connection may be
/// answered out of order.
public enum ControlSocketWire {
    /// The `ControlAPI` methods, by wire name.
    public enum Method: String, Codable, Sendable, CaseIterable {
        case status, registrations, removeBinding, users, addUser, updateUser, setPassword, setUserEnabled
        case removeUser, domains, routes, addRoute, updateRoute, removeRoute, moveRoute, testRoute, traces, events
    }

    /// The parameters of any method (only those it needs are set).
    public struct Params: Codable, Sendable, Equatable {
        public var aor: String?
        public var contact: String?
        public var userInfo: UserInfo?
        public var user: String?
        public var domain: String?
        public var password: String?
        public var enabled: Bool?
        public var route: RouteInfo?
        public var id: UInt32?
        public var offset: Int?
        public var uri: String?
        public var method: String?
        public var limit: Int?
        public var cursor: UInt64?

        public init() {}
    }

    /// One call.
    public struct Request: Codable, Sendable {
        public var id: UInt64
        public var method: Method
        public var params: Params

        public init(id: UInt64, method: Method, params: Params = Params()) {
            self.id = id
            self.method = method
            self.params = params
        }
    }

    /// The result of any method (only the one it returns is set).
    public struct Result: Codable, Sendable {
        public var status: EngineStatus?
        public var registrations: [RegistrationInfo]?
        public var users: [UserInfo]?
        public var domains: [String]?
        public var routes: [RouteInfo]?
        public var route: RouteInfo?
        public var routeTest: RouteTestResult?
        public var traces: [ChainTrace]?
        public var events: EventBatch?

        public init() {}
    }

    /// The answer to the request with the same `id`: `result`, or `error`.
    public struct Response: Codable, Sendable {
        public var id: UInt64
        public var result: Result?
        public var error: ControlError?

        public init(id: UInt64, result: Result? = nil, error: ControlError? = nil) {
            self.id = id
            self.result = result
            self.error = error
        }
    }

    /// Longest line accepted either way (a snapshot of 100,000 bindings fits easily).
    public static let maximumLineLength = 256 * 1024 * 1024

    /// Runs `request` against `api` and wraps what it returns or throws.
    public static func dispatch(_ request: Request, to api: any ControlAPI) async -> Response {
        let p = request.params
        var result = Result()
        do {
            func need<T>(_ value: T?, _ name: String) throws -> T {
                guard let value else { throw ControlError("\(request.method.rawValue): missing parameter `\(name)`") }
                return value
            }
            switch request.method {
            case .status: result.status = try await api.status()
            case .registrations: result.registrations = try await api.registrations()
            case .removeBinding: try await api.removeBinding(aor: try need(p.aor, "aor"), contact: p.contact)
            case .users: result.users = try await api.users()
            case .addUser:
                try await api.addUser(try need(p.userInfo, "userInfo"), password: try need(p.password, "password"))
            case .updateUser: try await api.updateUser(try need(p.userInfo, "userInfo"))
            case .setPassword:
                try await api.setPassword(user: try need(p.user, "user"), domain: try need(p.domain, "domain"),
                                          password: try need(p.password, "password"))
            case .setUserEnabled:
                try await api.setUserEnabled(user: try need(p.user, "user"), domain: try need(p.domain, "domain"),
                                             enabled: try need(p.enabled, "enabled"))
            case .removeUser:
                try await api.removeUser(user: try need(p.user, "user"), domain: try need(p.domain, "domain"))
            case .domains: result.domains = try await api.domains()
            case .routes: result.routes = try await api.routes()
            case .addRoute: result.route = try await api.addRoute(try need(p.route, "route"))
            case .updateRoute: try await api.updateRoute(try need(p.route, "route"))
            case .removeRoute: try await api.removeRoute(id: try need(p.id, "id"))
            case .moveRoute: try await api.moveRoute(id: try need(p.id, "id"), by: try need(p.offset, "offset"))
            case .testRoute:
                result.routeTest = try await api.testRoute(uri: try need(p.uri, "uri"), method: try need(p.method, "method"))
            case .traces: result.traces = try await api.traces(limit: try need(p.limit, "limit"))
            case .events:
                result.events = try await api.events(after: try need(p.cursor, "cursor"), limit: try need(p.limit, "limit"))
            }
            return Response(id: request.id, result: result)
        } catch let error as ControlError {
            return Response(id: request.id, error: error)
        } catch {
            return Response(id: request.id, error: ControlError(String(describing: error)))
        }
    }
}
