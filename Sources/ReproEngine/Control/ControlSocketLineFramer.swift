import NIOCore

/// Splits a control socket stream into lines (without the `\n`), refusing lines over a limit.
struct ControlSocketLineFramer: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer

    let maximumLength: Int

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > maximumLength { throw ControlError("control socket line too long") }
            return .needMoreData
        }
        let length = newline - buffer.readerIndex
        // The index came from the readable bytes, so the slice exists.
        guard let line = buffer.readSlice(length: length) else { return .needMoreData }
        buffer.moveReaderIndex(forwardBy: 1)
        context.fireChannelRead(Self.wrapInboundOut(line))
        return .continue
    }
}
