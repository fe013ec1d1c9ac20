import Foundation
import NIOCore
import NIOPosix

/// Serves a `ControlAPI` on a local Unix stream socket, so a console or CLI can attach to an
/// engine that runs as a service (`repro serve`).
///
/// The socket file is created mode 0600 (bound inside a private 0700 directory, then moved into
/// place, so it is never reachable with looser permissions) and removed on `close()`. The wire
/// format is JSON lines (`ControlSocketWire`); each request runs as its own task, so a slow
/// call never holds up the others, and no call runs on an event loop.
public final class ControlSocketServer: Sendable {
    /// The socket path.
    public let path: String
    private let channel: any Channel

    private init(path: String, channel: any Channel) {
        self.path = path
        self.channel = channel
    }

    /// Starts serving `api` at `path` (parent directories are created 0700). Fails if another
    /// process already answers on `path`; a stale socket file is replaced.
    public static func start(api: any ControlAPI, path: String,
                             group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton)
        async throws -> ControlSocketServer {
        let parent = (path as NSString).deletingLastPathComponent
        let directory = parent.isEmpty ? "." : parent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        if FileManager.default.fileExists(atPath: path) {
            if Self.somebodyListens(at: path) { throw ControlError("an engine already listens on \(path)") }
            unlink(path)
        }
        // Bind inside a private directory, restrict the file, then move it into place.
        var template = Array((directory + "/.repro-control-XXXXXX").utf8CString)
        guard let privateDir = template.withUnsafeMutableBufferPointer({ buffer in
            buffer.baseAddress.flatMap { mkdtemp($0) }.map { String(cString: $0) }
        }) else { throw ControlError("cannot create a directory next to \(path): \(String(cString: strerror(errno)))") }
        defer { rmdir(privateDir) }
        let temporary = privateDir + "/s"
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 16)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        ByteToMessageHandler(ControlSocketLineFramer(maximumLength: ControlSocketWire.maximumLineLength)))
                    try channel.pipeline.syncOperations.addHandler(ControlSocketServerHandler(api: api))
                }
            }
        let channel = try await bootstrap.bind(unixDomainSocketPath: temporary).get()
        guard chmod(temporary, 0o600) == 0, rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? await channel.close().get()
            unlink(temporary)
            throw ControlError("cannot place the control socket at \(path): \(reason)")
        }
        return ControlSocketServer(path: path, channel: channel)
    }

    /// Stops accepting connections and removes the socket file. Open connections end when their peers close.
    public func close() async throws {
        unlink(path)
        try await channel.close().get()
    }

    /// Whether a process accepts connections on the Unix socket at `path`.
    static func somebodyListens(at path: String) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { Foundation.close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, byte) in bytes.enumerated() { raw[i] = byte }
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        return result == 0
    }
}

/// Decodes request lines, runs each against the API in a task, and writes the response line.
final class ControlSocketServerHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let api: any ControlAPI

    init(api: any ControlAPI) { self.api = api }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let line = unwrapInboundIn(data)
        let channel = context.channel
        let api = self.api
        Task {
            let response: ControlSocketWire.Response
            do {
                let request = try JSONDecoder().decode(ControlSocketWire.Request.self, from: Data(line.readableBytesView))
                response = await ControlSocketWire.dispatch(request, to: api)
            } catch {
                response = ControlSocketWire.Response(id: 0, error: ControlError("bad request: \(error)"))
            }
            guard var bytes = try? JSONEncoder().encode(response) else { return }
            bytes.append(UInt8(ascii: "\n"))
            channel.writeAndFlush(channel.allocator.buffer(bytes: bytes), promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
