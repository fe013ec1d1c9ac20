import NIOCore
import NIOPosix
import SIPCore

extension TransportLayer {
    /// Sends `message` to `destination`; `promise` (if any) completes when the bytes are
    /// written, or fails with why they were not. Callable from any event loop without an
    /// async hop: the transaction layer calls it on its loop.
    ///
    /// The message is serialized before this returns, so the caller keeps ownership.
    /// UDP leaves from a listening socket of the destination's address family, so the
    /// source port is our SIP port (RFC 3261 §18.1.1). TCP uses `destination.connection`
    /// while it is open, else a connection to the same remote address, else opens one
    /// (RFC 3261 §18.2.2 for responses, §18.1.1 for requests).
    public func send(_ message: SipMessage, to destination: SipDestination, promise: EventLoopPromise<Void>?) {
        send(bytes: message.serialize(), to: destination, promise: promise)
    }

    /// Sends `message` to `destination`; the future (on `eventLoop`) succeeds once the bytes
    /// are written. Does not hop when called on `eventLoop`.
    public func send(_ message: SipMessage, to destination: SipDestination,
                     on eventLoop: any EventLoop) -> EventLoopFuture<Void> {
        let promise = eventLoop.makePromise(of: Void.self)
        send(message, to: destination, promise: promise)
        return promise.futureResult
    }

    /// Sends `message` to `destination`; returns when the bytes are written.
    public func send(_ message: SipMessage, to destination: SipDestination) async throws {
        let promise = group.any().makePromise(of: Void.self)
        send(message, to: destination, promise: promise)
        try await promise.futureResult.get()
    }

    /// Sends raw bytes (already a serialized message) to `destination`.
    public func send(bytes: [UInt8], to destination: SipDestination, promise: EventLoopPromise<Void>?) {
        send(bytes: bytes, to: destination, completion: promise.map(SendCompletion.promise) ?? .none)
    }

    /// Sends raw bytes to `destination`, reporting the outcome through `completion`.
    func send(bytes: [UInt8], to destination: SipDestination, completion: SendCompletion) {
        if listeners.withLock({ $0.isShutdown }) {
            return failSend(TransportError.shutdown, completion)
        }
        switch destination.transport {
        case .udp:
            guard let (socket, local) = datagramSocket(for: destination.remote) else {
                let family = destination.remote.protocol == .inet6 ? "IPv6" : "IPv4"
                return failSend(TransportError.noListener(.udp, family: family), completion)
            }
            if socket.channel.eventLoop.inEventLoop && socket.channel.isActive {
                switch socket.send(bytes, to: destination.remote) {
                case .sent:
                    counters.countSent(bytes)
                    logMessage(.outbound, bytes, transport: .udp, local: local, remote: destination.remote, connection: nil)
                    return completion.succeed()
                case .failed(let error):
                    logger.debug("send to UDP \(destination.remote.compactDescription) failed: \(error)")
                    return failSend(error, completion)
                case .busy:
                    break  // the channel queues it until the socket is writable
                }
            }
            write(bytes, on: socket.channel, transport: .udp, remote: destination.remote, connection: nil,
                  completion: completion)
        case .tcp:
            sendOnStream(bytes, to: destination, completion: completion)
        case .tls:
            failSend(TransportError.unsupported(.tls), completion)
        }
    }

    func failSend(_ error: any Error, _ completion: SendCompletion) {
        counters.sendFailures.increment()
        completion.fail(error)
    }

    /// The UDP socket to send to `remote` from, and its listener's address: the first listener
    /// of its address family, and of its sockets the one on the calling event loop if any
    /// (no thread hop).
    func datagramSocket(for remote: SocketAddress) -> (DatagramSocket, SocketAddress)? {
        listeners.withLock { l in
            guard let listener = l.datagram.first(where: { $0.address.protocol == remote.protocol }) else { return nil }
            guard let socket = listener.sockets.first(where: { $0.channel.eventLoop.inEventLoop }) ?? listener.sockets.first
            else { return nil }
            return (socket, listener.address)
        }
    }

    private func sendOnStream(_ bytes: [UInt8], to destination: SipDestination, completion: SendCompletion) {
        let kind = destination.transport
        if let id = destination.connection, let channel = registry.channel(id) {
            return write(bytes, on: channel, transport: kind, remote: destination.remote, connection: id, completion: completion)
        }
        let key = ConnectionRegistry.Key(transport: kind, remote: destination.remote)
        let route = registry.route(to: key, connectingOn: group.any())
        let connected: EventLoopFuture<ConnectionRegistry.Link>
        switch route {
        case .open(let link):
            return write(bytes, on: link.channel, transport: kind, remote: destination.remote, connection: link.id,
                         completion: completion)
        case .connecting(let future):
            connected = future
        case .connect(let connectPromise):
            connect(key, promise: connectPromise)
            connected = connectPromise.futureResult
        }
        connected.whenComplete { result in
            switch result {
            case .success(let link):
                self.write(bytes, on: link.channel, transport: kind, remote: destination.remote, connection: link.id,
                           completion: completion)
            case .failure(let error):
                self.failSend(error, completion)
            }
        }
    }

    /// Opens a connection for `key` and completes `promise` with it once registered.
    private func connect(_ key: ConnectionRegistry.Key, promise: EventLoopPromise<ConnectionRegistry.Link>) {
        let id = registry.makeID()
        let limit = configuration.maxConnections
        guard registry.count < limit else {
            registry.connectFinished(key)
            return promise.fail(TransportError.connectionLimitReached)
        }
        ClientBootstrap(group: promise.futureResult.eventLoop)
            .connectTimeout(configuration.connectTimeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try self.addStreamHandlers(to: channel, id: id, kind: key.transport) }
            }
            .connect(to: key.remote)
            .whenComplete { result in
                switch result {
                case .success(let channel):
                    if self.listeners.withLock({ $0.isShutdown }) {
                        self.registry.connectFinished(key)
                        channel.close(promise: nil)
                        return promise.fail(TransportError.shutdown)
                    }
                    guard self.registry.add(id, channel: channel, key: key, limit: limit) else {
                        self.registry.connectFinished(key)
                        channel.close(promise: nil)
                        return promise.fail(TransportError.connectionLimitReached)
                    }
                    self.registry.connectFinished(key)
                    self.counters.connectionsOpened.increment()
                    channel.closeFuture.whenComplete { _ in self.registry.remove(id) }
                    promise.succeed(ConnectionRegistry.Link(id: id, channel: channel))
                case .failure(let error):
                    self.registry.connectFinished(key)
                    self.logger.debug("connect to \(key.transport) \(key.remote.compactDescription) failed: \(error)")
                    promise.fail(error)
                }
            }
    }

    /// Writes one serialized message on `channel`, counting and logging it once written.
    func write(_ bytes: [UInt8], on channel: any Channel, transport: TransportKind, remote: SocketAddress,
               connection: ConnectionID?, completion: SendCompletion) {
        guard transport == .udp else {
            return queueStreamWrite(StreamWrite(channel: channel, bytes: bytes, transport: transport, remote: remote,
                                                connection: connection, completion: completion))
        }
        let buffer = channel.allocator.buffer(bytes: bytes)
        channel.writeAndFlush(AddressedEnvelope(remoteAddress: remote, data: buffer),
                              promise: writePromise(bytes, on: channel, transport: transport, remote: remote,
                                                    connection: connection, completion: completion))
    }

    /// A promise on `channel`'s loop that, once the write of `bytes` ends, counts and logs it
    /// and tells `completion`. Made on the channel's loop, so completing it needs no hop.
    func writePromise(_ bytes: [UInt8], on channel: any Channel, transport: TransportKind, remote: SocketAddress,
                      connection: ConnectionID?, completion: SendCompletion) -> EventLoopPromise<Void> {
        let written = channel.eventLoop.makePromise(of: Void.self)
        written.futureResult.whenComplete { result in
            self.finishWrite(result, bytes, on: channel, transport: transport, remote: remote, connection: connection,
                             completion: completion)
        }
        return written
    }

    /// Counts and logs the write of `bytes` once it ended with `result`, and tells `completion`.
    func finishWrite(_ result: Result<Void, any Error>, _ bytes: [UInt8], on channel: any Channel,
                     transport: TransportKind, remote: SocketAddress, connection: ConnectionID?,
                     completion: SendCompletion) {
        switch result {
        case .success:
            counters.countSent(bytes)
            logMessage(.outbound, bytes, transport: transport, local: channel.localAddress,
                       remote: channel.remoteAddress ?? remote, connection: connection)
            completion.succeed()
        case .failure(let error):
            counters.sendFailures.increment()
            logger.debug("send to \(transport) \(remote.compactDescription) failed: \(error)")
            completion.fail(error)
        }
    }

    /// Publishes a message to the message log (unless the log is turned off or not recording).
    func logMessage(_ direction: MessageLogEntry.Direction, _ bytes: [UInt8], transport: TransportKind,
                    local: @autoclosure () -> SocketAddress?, remote: @autoclosure () -> SocketAddress,
                    connection: ConnectionID?) {
        // The addresses are read only when recorded: a stream channel's take a lock.
        guard configuration.messageLogCapacity > 0, recordsMessages else { return }
        messageLog.append(MessageLogEntry(direction: direction, transport: transport, local: local(), remote: remote(),
                                          connection: connection, bytes: bytes))
    }
}
