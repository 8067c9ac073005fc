import NIOCore
import ProfileKit
import Synchronization

/// Connects one telnet channel to the game: decodes input, enforces the per-address cap and the
/// output budget, and turns password mode into ECHO negotiation.
final class TelnetHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private static let nextID = Atomic<Int>(1)

    private let game: GameHandle
    private let profiler: Profiler
    private let metrics: MetricsCollector?
    private let limiter: ConnectionLimiter
    private let outputLimit: Int
    private var decoder: TelnetDecoder
    private var id = 0
    private var address = "?"
    private var registered = false
    private var unsentBytes = 0

    /// A handler for one connection.
    init(game: GameHandle, limiter: ConnectionLimiter, outputLimit: Int, maxLineBytes: Int, profiler: Profiler,
         metrics: MetricsCollector? = nil) {
        self.metrics = metrics
        self.game = game
        self.profiler = profiler
        self.limiter = limiter
        self.outputLimit = outputLimit
        self.decoder = TelnetDecoder(maxLineBytes: maxLineBytes)
    }

    func channelActive(context: ChannelHandlerContext) {
        id = Self.nextID.wrappingAdd(1, ordering: .relaxed).oldValue
        address = context.remoteAddress?.ipAddress ?? "unknown"
        guard limiter.acquire(address) else {
            let text = TelnetEncoder.encode("Too many connections from your address. Try again later.\n")
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: text))).whenComplete { _ in
                channel.close(promise: nil)
            }
            return
        }
        registered = true
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: decoder.greeting())), promise: nil)
        let connection = TelnetConnection(channel: context.channel)
        let (id, address) = (self.id, self.address)
        game.submit { $0.open(id: id, address: address, connection: connection) }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        if registered {
            registered = false
            limiter.release(address)
            let id = self.id
            game.submit { $0.closed(id: id) }
        }
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard registered else { return }
        guard profiler.isRecording else { return read(context: context, data: data) }
        profiler.recorderForCurrentThread().withScope(ServerProbes.telnetRead) { read(context: context, data: data) }
    }

    private func read(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        metrics?.recordBytesIn(buffer.readableBytes)
        let events = profiler.withScope(ServerProbes.telnetDecode) {
            buffer.withUnsafeReadableBytes { decoder.feed($0) }
        }
        var lines: [TelnetEvent] = []
        for event in events {
            if case .reply(let bytes) = event {
                context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: bytes)), promise: nil)
            } else {
                lines.append(event)
            }
        }
        guard !lines.isEmpty else { return }
        let (id, received) = (self.id, lines)
        let arrival = MetricsClock.system.nanoseconds()
        game.submit { game in
            for event in received {
                switch event {
                case .line(let text): game.receive(id: id, line: text, receivedAt: arrival)
                case .lineTooLong(let limit): game.lineTooLong(id: id, limit: limit)
                case .windowSize(let width, let height):
                    game.clientInfo(id: id, windowSize: (width, height), terminalType: nil)
                case .terminalType(let name): game.clientInfo(id: id, windowSize: nil, terminalType: name)
                case .reply: break
                }
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed {
            context.close(promise: nil)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard let mode = event as? PasswordModeEvent else {
            return context.triggerUserOutboundEvent(event, promise: promise)
        }
        let bytes = decoder.setServerEcho(mode.on)
        if bytes.isEmpty {
            promise?.succeed()
        } else {
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: bytes)), promise: promise)
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard profiler.isRecording else { return write(data, context: context, promise: promise) }
        profiler.recorderForCurrentThread().withScope(ServerProbes.channelWrite) {
            write(data, context: context, promise: promise)
        }
    }

    private func write(_ data: NIOAny, context: ChannelHandlerContext, promise: EventLoopPromise<Void>?) {
        let size = unwrapOutboundIn(data).readableBytes
        metrics?.recordBytesOut(size)
        unsentBytes += size
        guard unsentBytes <= outputLimit else {
            promise?.fail(ChannelError.outputClosed)
            context.close(promise: nil)
            return
        }
        let tracked = promise ?? context.eventLoop.makePromise(of: Void.self)
        let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
        tracked.futureResult.whenComplete { _ in loopBound.value.unsentBytes -= size }
        context.write(data, promise: tracked)
    }
}
