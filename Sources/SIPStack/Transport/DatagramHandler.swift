import NIOCore

/// The inbound end of one UDP socket: hands every datagram to the transport layer.
final class DatagramHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    private let transport: TransportLayer
    private var local: SocketAddress?

    init(transport: TransportLayer) {
        self.transport = transport
    }

    func channelActive(context: ChannelHandlerContext) {
        local = context.channel.localAddress
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard let local = local ?? context.channel.localAddress else { return }
        transport.receiveDatagram(unwrapInboundIn(data), local: local, channel: context.channel)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A UDP socket survives errors such as ICMP port unreachable; NIO closes it itself
        // when an error is fatal.
        transport.logger.debug("UDP socket \(local?.compactDescription ?? "?"): \(error)")
    }
}
