import NIOCore
import Synchronization

/// The open stream connections, by id and by remote address, shared by all event loops.
///
/// The lock is held only for dictionary work, never across I/O. Connections being
/// opened are recorded too, so concurrent sends to one destination share one connect.
final class ConnectionRegistry: Sendable {
    /// A connection's identity for reuse: transport and remote address.
    struct Key: Hashable, Sendable {
        var transport: TransportKind
        var remote: SocketAddress
    }

    /// An open connection: its id and channel.
    struct Link: Sendable {
        var id: ConnectionID
        var channel: any Channel
    }

    /// What a sender should do to reach a destination.
    enum Route {
        /// Write on this open connection.
        case open(Link)
        /// Another sender is connecting; wait for it.
        case connecting(EventLoopFuture<Link>)
        /// Nobody is connecting: the caller must connect and complete this promise.
        case connect(EventLoopPromise<Link>)
    }

    private struct Connection {
        var channel: any Channel
        var key: Key
    }

    private struct State {
        var byID: [ConnectionID: Connection] = [:]
        var byKey: [Key: [ConnectionID]] = [:]
        var pending: [Key: EventLoopFuture<Link>] = [:]
        var nextID: UInt64 = 1
    }

    private let state = Mutex(State())

    /// A fresh connection id.
    func makeID() -> ConnectionID {
        state.withLock { s in
            defer { s.nextID += 1 }
            return ConnectionID(s.nextID)
        }
    }

    /// The number of connections open now.
    var count: Int { state.withLock { $0.byID.count } }

    /// Records an open connection unless `limit` connections are open already.
    func add(_ id: ConnectionID, channel: any Channel, key: Key, limit: Int) -> Bool {
        state.withLock { s in
            guard s.byID.count < limit else { return false }
            s.byID[id] = Connection(channel: channel, key: key)
            s.byKey[key, default: []].append(id)
            return true
        }
    }

    /// Forgets a closed connection.
    func remove(_ id: ConnectionID) {
        state.withLock { s in
            guard let c = s.byID.removeValue(forKey: id) else { return }
            s.byKey[c.key]?.removeAll { $0 == id }
            if s.byKey[c.key]?.isEmpty == true { s.byKey[c.key] = nil }
        }
    }

    /// The channel of connection `id` if it is still open.
    func channel(_ id: ConnectionID) -> (any Channel)? {
        state.withLock { $0.byID[id]?.channel }
    }

    /// How to reach `key`: the newest open connection to it, a connect in progress, or
    /// a promise the caller must complete after connecting (made on `loop`).
    func route(to key: Key, connectingOn loop: any EventLoop) -> Route {
        state.withLock { s in
            if let id = s.byKey[key]?.last, let c = s.byID[id] { return .open(Link(id: id, channel: c.channel)) }
            if let f = s.pending[key] { return .connecting(f) }
            let promise = loop.makePromise(of: Link.self)
            s.pending[key] = promise.futureResult
            return .connect(promise)
        }
    }

    /// Ends the connect in progress to `key`.
    func connectFinished(_ key: Key) {
        state.withLock { _ = $0.pending.removeValue(forKey: key) }
    }

    /// Every open connection's channel, to close them at shutdown.
    func allChannels() -> [any Channel] {
        state.withLock { $0.byID.values.map(\.channel) }
    }
}
