import NIOCore
import ProfileKit

/// The game's handle on one telnet channel: it gathers a unit's output in one buffer and writes it
/// with one `writeAndFlush` when the game flushes.
///
/// It writes through the telnet handler's own context, so the bytes go straight to the socket's
/// end of the pipeline: no trip through the pipeline's tail and the handler for each line, and
/// one write per flush however many lines a command printed. The channel still counts the unsent
/// bytes against the output budget (the handler closes a connection past it).
///
/// The game and the connection share the channel's event loop (the game thread), and every
/// method is called there.
final class TelnetConnection: SessionConnection {
    private let context: NIOLoopBound<ChannelHandlerContext>
    private let output: NIOLoopBoundBox<Output>
    private let profiler: Profiler?
    private let metrics: MetricsCollector?

    /// Writes through `context`, the context of the channel's telnet handler; counts the bytes it
    /// writes in `metrics` and, while `profiler` records, times each write.
    init(context: ChannelHandlerContext, profiler: Profiler? = nil, metrics: MetricsCollector? = nil) {
        self.context = NIOLoopBound(context, eventLoop: context.eventLoop)
        output = NIOLoopBoundBox(Output(allocator: context.channel.allocator), eventLoop: context.eventLoop)
        self.profiler = profiler
        self.metrics = metrics
    }

    /// Queues a line, telnet-encoded.
    func sendLine(_ text: String, endingRecord: Bool) {
        TelnetEncoder.encode(text, into: &output.value.queued, endingLine: true, endingRecord: endingRecord)
    }

    /// Queues an end-of-record mark (IAC EOR) on its own.
    func sendEndOfRecord() {
        TelnetEncoder.encode("", into: &output.value.queued, endingLine: false, endingRecord: true)
    }

    /// Writes what was queued, in one write.
    func flush() {
        guard let bytes = output.value.take() else { return }
        guard let profiler, profiler.isRecording else { return write(bytes, promise: nil) }
        profiler.recorderForCurrentThread().withScope(ServerProbes.channelWrite) { write(bytes, promise: nil) }
    }

    /// Switches password mode in the channel's telnet handler, after what was queued before.
    func setPasswordMode(_ on: Bool) {
        flush()
        context.value.channel.triggerUserOutboundEvent(PasswordModeEvent(on: on), promise: nil)
    }

    /// Closes once everything written before has gone out, or after 30 s if the client does not read.
    func close() {
        let channel = context.value.channel
        let written = channel.eventLoop.makePromise(of: Void.self)
        // With nothing queued, an empty write still completes only after the writes before it.
        write(output.value.take() ?? ByteBuffer(), promise: written)
        written.futureResult.whenComplete { _ in channel.close(promise: nil) }
        channel.eventLoop.scheduleTask(in: .seconds(30)) { channel.close(promise: nil) }
    }

    private func write(_ bytes: ByteBuffer, promise: EventLoopPromise<Void>?) {
        metrics?.recordBytesOut(bytes.readableBytes)
        context.value.writeAndFlush(NIOAny(bytes), promise: promise)
    }

    /// The bytes queued for the next write, and the storage of the last write, reused.
    private struct Output {
        var queued: ByteBuffer
        private var sent: ByteBuffer
        private let allocator: ByteBufferAllocator

        init(allocator: ByteBufferAllocator) {
            self.allocator = allocator
            queued = allocator.buffer(capacity: 256)
            sent = allocator.buffer(capacity: 256)
        }

        /// The queued bytes (nil: none), leaving an empty buffer to queue into: the storage of
        /// the write before, which the channel has let go of once the socket took it (else new
        /// storage). Storage grown past 4 KiB by a long reply is not kept.
        mutating func take() -> ByteBuffer? {
            guard queued.readableBytes > 0 else { return nil }
            swap(&queued, &sent)
            if queued.capacity > Self.keptCapacity {
                queued = allocator.buffer(capacity: 256)
            } else {
                queued.clear()
            }
            let bytes = sent
            if sent.capacity > Self.keptCapacity { sent = allocator.buffer(capacity: 256) }
            return bytes
        }

        private static let keptCapacity = 4096
    }
}
