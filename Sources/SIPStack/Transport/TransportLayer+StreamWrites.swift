import NIOCore

/// Writing to stream connections (TCP; TLS later): the messages written to a connection
/// in one run of work go out as one buffer, in one write and one flush, and writes made on
/// another event loop go over to the connection's loop in batches.
///
/// A connection's channel is used on its own loop only. A response is mostly made on the
/// loop of its transaction (its Call-ID's shard), which is often not the connection's: the
/// write then waits in that loop's outbox of `handOver` with the received messages and other
/// writes for the same loop, and goes over in one task with them (`HandOverQueue`); what the
/// task gathered for each connection is written at its end. A write made on the connection's
/// own loop is gathered the same way, and one task queued behind the work under way writes
/// what was gathered: the answers to a burst of requests read together leave in one
/// write(2). Each gathered buffer has one promise, which on completion counts, logs and
/// completes every message in it, rather than a buffer, a promise and a callback per message.
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

    /// The messages gathered for one channel, not written yet.
    struct GatheredWrites {
        let channel: any Channel
        var buffer: ByteBuffer
        var writes: [StreamWrite]

        /// The gathering that starts with `write`.
        init(_ write: StreamWrite) {
            channel = write.channel
            buffer = write.channel.allocator.buffer(bytes: write.bytes)
            writes = [write]
        }
    }

    /// What one event loop gathered for its stream channels. Touched only on that loop.
    final class UnflushedStreams: @unchecked Sendable {
        var gathered: [GatheredWrites] = []
        /// Whether a task to write them is queued on the loop.
        var flushQueued = false
    }

    /// Writes `write` on its channel's loop: gathered now when that is this thread's loop,
    /// else handed over.
    func queueStreamWrite(_ write: StreamWrite) {
        let loop = write.channel.eventLoop
        guard let index = handOver.index(of: loop) else {
            // A channel of another event loop group (not made by this transport): write it there.
            loop.execute { self.writeGathered(GatheredWrites(write)) }
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

    /// Gathers `write` for its channel; on the channel's loop, `handOver.loops[loopIndex]`.
    func writeToStream(_ write: StreamWrite, onLoop loopIndex: Int) {
        let unflushed = unflushedStreams[loopIndex]
        if let i = unflushed.gathered.firstIndex(where: { $0.channel === write.channel }) {
            unflushed.gathered[i].buffer.writeBytes(write.bytes)
            unflushed.gathered[i].writes.append(write)
        } else {
            unflushed.gathered.append(GatheredWrites(write))
        }
    }

    /// Writes and flushes what `handOver.loops[loopIndex]` gathered since the last time.
    func flushStreams(onLoop loopIndex: Int) {
        let unflushed = unflushedStreams[loopIndex]
        unflushed.flushQueued = false
        guard !unflushed.gathered.isEmpty else { return }
        let gathered = unflushed.gathered
        unflushed.gathered.removeAll(keepingCapacity: true)
        for g in gathered { writeGathered(g) }
    }

    /// Writes one gathered buffer on its channel's loop; its promise tells every message in it.
    private func writeGathered(_ g: GatheredWrites) {
        let channel = g.channel
        let writes = g.writes
        let written = channel.eventLoop.makePromise(of: Void.self)
        written.futureResult.whenComplete { result in
            for w in writes {
                self.finishWrite(result, w.bytes, on: channel, transport: w.transport, remote: w.remote,
                                 connection: w.connection, completion: w.completion)
            }
        }
        channel.writeAndFlush(g.buffer, promise: written)
    }
}
