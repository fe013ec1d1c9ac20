import Foundation
import NIOCore
import NIOPosix

/// The control API of an engine in another process, over its Unix control socket
/// (`ControlSocketServer`). Errors the engine reports arrive as `ControlError`; a lost
/// connection fails every call with a `ControlError` saying so.
public final class ControlSocketClient: ControlAPI {
    private let channel: any Channel

    private init(channel: any Channel) { self.channel = channel }

    /// Connects to the engine's control socket at `path`.
    public static func connect(path: String, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton)
        async throws -> ControlSocketClient {
        let bootstrap = ClientBootstrap(group: group).channelInitializer { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(
                    ByteToMessageHandler(ControlSocketLineFramer(maximumLength: ControlSocketWire.maximumLineLength)))
                try channel.pipeline.syncOperations.addHandler(ControlSocketClientHandler())
            }
        }
        do {
            let channel = try await bootstrap.connect(unixDomainSocketPath: path).get()
            return ControlSocketClient(channel: channel)
        } catch {
            throw ControlError("cannot attach to \(path): \(error) (is `repro serve` running?)")
        }
    }

    /// Closes the connection.
    public func close() async {
        try? await channel.close().get()
    }

    private func call(_ method: ControlSocketWire.Method, _ params: ControlSocketWire.Params = .init())
        async throws -> ControlSocketWire.Result {
        let request = ControlSocketWire.Request(id: 0, method: method, params: params)
        let promise = channel.eventLoop.makePromise(of: ControlSocketWire.Response.self)
        // A write that never reaches the socket (closed connection, encoding failure) fails the call.
        let written = channel.eventLoop.makePromise(of: Void.self)
        written.futureResult.whenFailure { error in
            promise.fail((error as? ControlError) ?? ControlError("the connection to the engine closed"))
        }
        channel.writeAndFlush(ControlSocketClientHandler.Call(request: request, promise: promise), promise: written)
        let response = try await promise.futureResult.get()
        if let error = response.error { throw error }
        return response.result ?? ControlSocketWire.Result()
    }

    private static func missing(_ what: String) -> ControlError { ControlError("the engine sent no \(what)") }

    public func status() async throws -> EngineStatus {
        guard let value = try await call(.status).status else { throw Self.missing("status") }
        return value
    }

    public func registrations() async throws -> [RegistrationInfo] {
        try await call(.registrations).registrations ?? []
    }

    public func removeBinding(aor: String, contact: String?) async throws {
        var p = ControlSocketWire.Params()
        p.aor = aor
        p.contact = contact
        _ = try await call(.removeBinding, p)
    }

    public func users() async throws -> [UserInfo] { try await call(.users).users ?? [] }

    public func addUser(_ user: UserInfo, password: String) async throws {
        var p = ControlSocketWire.Params()
        p.userInfo = user
        p.password = password
        _ = try await call(.addUser, p)
    }

    public func updateUser(_ user: UserInfo) async throws {
        var p = ControlSocketWire.Params()
        p.userInfo = user
        _ = try await call(.updateUser, p)
    }

    public func setPassword(user: String, domain: String, password: String) async throws {
        var p = ControlSocketWire.Params()
        p.user = user
        p.domain = domain
        p.password = password
        _ = try await call(.setPassword, p)
    }

    public func setUserEnabled(user: String, domain: String, enabled: Bool) async throws {
        var p = ControlSocketWire.Params()
        p.user = user
        p.domain = domain
        p.enabled = enabled
        _ = try await call(.setUserEnabled, p)
    }

    public func removeUser(user: String, domain: String) async throws {
        var p = ControlSocketWire.Params()
        p.user = user
        p.domain = domain
        _ = try await call(.removeUser, p)
    }

    public func domains() async throws -> [String] { try await call(.domains).domains ?? [] }

    public func routes() async throws -> [RouteInfo] { try await call(.routes).routes ?? [] }

    public func addRoute(_ route: RouteInfo) async throws -> RouteInfo {
        var p = ControlSocketWire.Params()
        p.route = route
        guard let added = try await call(.addRoute, p).route else { throw Self.missing("route") }
        return added
    }

    public func updateRoute(_ route: RouteInfo) async throws {
        var p = ControlSocketWire.Params()
        p.route = route
        _ = try await call(.updateRoute, p)
    }

    public func removeRoute(id: UInt32) async throws {
        var p = ControlSocketWire.Params()
        p.id = id
        _ = try await call(.removeRoute, p)
    }

    public func moveRoute(id: UInt32, by offset: Int) async throws {
        var p = ControlSocketWire.Params()
        p.id = id
        p.offset = offset
        _ = try await call(.moveRoute, p)
    }

    public func testRoute(uri: String, method: String) async throws -> RouteTestResult {
        var p = ControlSocketWire.Params()
        p.uri = uri
        p.method = method
        guard let result = try await call(.testRoute, p).routeTest else { throw Self.missing("route test result") }
        return result
    }

    public func traces(limit: Int) async throws -> [ChainTrace] {
        var p = ControlSocketWire.Params()
        p.limit = limit
        return try await call(.traces, p).traces ?? []
    }

    public func events(after cursor: UInt64, limit: Int) async throws -> EventBatch {
        var p = ControlSocketWire.Params()
        p.cursor = cursor
        p.limit = limit
        guard let batch = try await call(.events, p).events else { throw Self.missing("events") }
        return batch
    }
}

/// Numbers outgoing calls, writes them as lines and completes each call's promise with the
/// response of the same id. All state is touched only on the channel's event loop.
final class ControlSocketClientHandler: ChannelDuplexHandler {
    /// A call on its way out, with the promise its response completes.
    struct Call: Sendable {
        var request: ControlSocketWire.Request
        var promise: EventLoopPromise<ControlSocketWire.Response>
    }

    typealias InboundIn = ByteBuffer
    typealias OutboundIn = Call
    typealias OutboundOut = ByteBuffer

    private var nextID: UInt64 = 1
    private var pending: [UInt64: EventLoopPromise<ControlSocketWire.Response>] = [:]

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        var call = unwrapOutboundIn(data)
        call.request.id = nextID
        nextID += 1
        do {
            var bytes = try JSONEncoder().encode(call.request)
            bytes.append(UInt8(ascii: "\n"))
            pending[call.request.id] = call.promise
            context.write(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)), promise: promise)
        } catch {
            promise?.fail(ControlError("cannot encode request: \(error)"))
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let line = unwrapInboundIn(data)
        guard let response = try? JSONDecoder().decode(ControlSocketWire.Response.self,
                                                       from: Data(line.readableBytesView)) else {
            failAll(ControlError("the engine sent an unreadable reply"))
            context.close(promise: nil)
            return
        }
        pending.removeValue(forKey: response.id)?.succeed(response)
    }

    func channelInactive(context: ChannelHandlerContext) {
        failAll(ControlError("the connection to the engine closed"))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        failAll(ControlError("control socket error: \(error)"))
        context.close(promise: nil)
    }

    private func failAll(_ error: ControlError) {
        let waiting = pending
        pending = [:]
        for promise in waiting.values { promise.fail(error) }
    }
}
