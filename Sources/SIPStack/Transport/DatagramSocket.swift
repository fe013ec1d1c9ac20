import NIOCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A UDP listening socket that repro opens itself and hands to NIO, so that it keeps the
/// descriptor and can send on it directly.
///
/// NIO reads the socket (batched with `recvmmsg`). Sending a response through the channel
/// pipeline cost about as much again as the `sendmsg` system call itself (a buffer, a
/// promise, the pending-writes queue, address conversions); a profile of a REGISTER storm
/// put it at 11% of the server's time. On the socket's own event loop `send` writes the
/// datagram with one `sendto`, and falls back to the channel when the kernel cannot take
/// it at once.
struct DatagramSocket: @unchecked Sendable {
    let channel: any Channel
    let descriptor: CInt

    /// Opens a non-blocking UDP socket bound to `address` (port 0 picks one).
    static func open(bound address: SocketAddress, reusePort: Bool, v6only: Bool, bufferSize: Int) throws -> CInt {
        let family = address.protocol == .inet6 ? AF_INET6 : AF_INET
        #if os(Linux)
        let fd = socket(family, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        #else
        let fd = socket(family, SOCK_DGRAM, 0)
        #endif
        guard fd >= 0 else { throw IOError(errnoCode: errno, reason: "socket") }
        do {
            #if os(Linux)
            if reusePort { try option(fd, SOL_SOCKET, SO_REUSEPORT, 1) }
            #endif
            if v6only { try option(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, 1) }
            if bufferSize > 0 {
                try option(fd, SOL_SOCKET, SO_RCVBUF, CInt(clamping: bufferSize))
                try option(fd, SOL_SOCKET, SO_SNDBUF, CInt(clamping: bufferSize))
            }
            let rc = address.withSockAddr { sa, len in bind(fd, sa, socklen_t(len)) }
            guard rc == 0 else { throw IOError(errnoCode: errno, reason: "bind") }
        } catch {
            close(fd)
            throw error
        }
        return fd
    }

    private static func option(_ fd: CInt, _ level: CInt, _ name: CInt, _ value: CInt) throws {
        var v = value
        guard setsockopt(fd, level, name, &v, socklen_t(MemoryLayout<CInt>.size)) == 0 else {
            throw IOError(errnoCode: errno, reason: "setsockopt")
        }
    }

    /// What a direct send did.
    enum DirectSend {
        case sent
        /// The kernel could not take the datagram now (full buffer): send through the channel.
        case busy
        case failed(IOError)
    }

    /// Sends one datagram on the socket. Call only on the channel's event loop, while it is
    /// active (the loop is where NIO closes it, so the descriptor is still ours).
    func send(_ bytes: [UInt8], to remote: SocketAddress) -> DirectSend {
        let n = bytes.withUnsafeBytes { buf in
            remote.withSockAddr { sa, len in
                sendto(descriptor, buf.baseAddress, buf.count, CInt(MSG_DONTWAIT), sa, socklen_t(len))
            }
        }
        if n == bytes.count { return .sent }
        let code = errno
        if n < 0 && (code == EAGAIN || code == EWOULDBLOCK || code == ENOBUFS || code == EINTR) { return .busy }
        return .failed(IOError(errnoCode: n < 0 ? code : EMSGSIZE, reason: "sendto"))
    }
}
