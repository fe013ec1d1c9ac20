import NIOCore

/// Writing to stream connections (TCP; TLS later): each connection is flushed once per run
/// of writes rather than once per write, and writes made on another event loop go over to
/// the connection's loop in batches.
///
/// A connection's channel is used on its own loop only. A response is mostly made on the
/// loop of its transaction (its Call-ID's shard), which is often not the connection's: the
/// write then waits in that loop's outbox of `handOver` with the received messages and other
/// writes for the same loop, and goes over in one task with them (`HandOverQueue`); the
/// channels the task wrote to are flushed at its end. A write made on the connection's own
/// loop goes into the channel at once, and one task queued behind the work under way flushes
/// every channel written meanwhile: the answers to a burst of requests read together leave
/// in one write(2). Until now each write took two tasks (the hop, then its flush), plus a
/// third to register its completion from the other loop.
extension TransportLayer {
    /// Bytes for a stream connection, with what to do once they are written.
    struct StreamWrite: Sendable {
        let channel: any Channel
        let bytes: [UInt8]
        let transport: TransportKind
        let remote: SocketAddress
        let connection: ConnectionID?
        let completion: SendCompletion
    }

    /// The stream channels one event loop wrote to and has not flushed. Touched only on that loop.
    final class UnflushedStreams: @unchecked Sendable {
        var channels: [any Channel] = []
        /// Whether a task to flush them is queued on the loop.
        var flushQueued = false
    }

    /// Writes `write` on its channel's loop: now when that is this thread's loop, else handed over.
    func queueStreamWrite(_ write: StreamWrite) {
        let loop = write.channel.eventLoop
        guard let index = handOver.index(of: loop) else {
            // A channel of another event loop group (not made by this transport): write and
            // flush it there.
            loop.execute {
                write.channel.writeAndFlush(write.channel.allocator.buffer(bytes: write.bytes),
                                            promise: self.writePromise(write))
            }
            return
        }
        if loop.inEventLoop {
            writeToStream(write, onLoop: index)
            let unflushed = unflushedStreams[index]
            if !unflushed.flushQueued {
                unflushed.flushQueued = true
                loop.execute { self.flushStreams(onLoop: index) }
            }
        } else {
            handOver.send(.streamWrite(write), to: index, receiver: self)
        }
    }

    /// Puts `write`'s bytes into its channel without flushing it; on the channel's loop,
    /// `handOver.loops[loopIndex]`.
    func writeToStream(_ write: StreamWrite, onLoop loopIndex: Int) {
        let channel = write.channel
        channel.write(channel.allocator.buffer(bytes: write.bytes), promise: writePromise(write))
        let unflushed = unflushedStreams[loopIndex]
        if !unflushed.channels.contains(where: { $0 === channel }) { unflushed.channels.append(channel) }
    }

    /// Flushes every stream channel written on `handOver.loops[loopIndex]` since the last flush.
    func flushStreams(onLoop loopIndex: Int) {
        let unflushed = unflushedStreams[loopIndex]
        unflushed.flushQueued = false
        guard !unflushed.channels.isEmpty else { return }
        let channels = unflushed.channels
        unflushed.channels.removeAll(keepingCapacity: true)
        for channel in channels { channel.flush() }
    }

    private func writePromise(_ write: StreamWrite) -> EventLoopPromise<Void> {
        writePromise(write.bytes, on: write.channel, transport: write.transport, remote: write.remote,
                     connection: write.connection, completion: write.completion)
    }
}
