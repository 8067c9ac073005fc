import NIOCore
import ProfileKit
import Synchronization

/// Connects one telnet channel to the game: decodes input, enforces the per-address cap and the
/// output budget, and turns password mode into ECHO negotiation.
///
/// The game's output does not pass through it: the channel's `TelnetConnection` writes from this
/// handler's context, straight to the socket's end of the pipeline.
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
    /// The game, called directly: this handler runs on the game's own thread.
    private var local: Game?

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
            let written = context.eventLoop.makePromise(of: Void.self)
            send(text, context: context, promise: written)
            written.futureResult.whenComplete { _ in channel.close(promise: nil) }
            return
        }
        // Connections are served on the game's own thread (the server's bootstrap puts them there).
        guard let local = game.onExecutor else {
            limiter.release(address)
            return context.close(promise: nil)
        }
        self.local = local
        registered = true
        send(decoder.greeting(), context: context)
        local.open(id: id, address: address,
                   connection: TelnetConnection(context: context, profiler: profiler, metrics: metrics))
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
        // The game thread is awake: a lag tick due soon runs now instead of waking it later.
        game.executor.ticker.awake()
        guard profiler.isRecording else { return read(context: context, data: data) }
        profiler.recorderForCurrentThread().withScope(ServerProbes.telnetRead) { read(context: context, data: data) }
    }

    private func read(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        metrics?.recordBytesIn(buffer.readableBytes)
        let events = profiler.withScope(ServerProbes.telnetDecode) {
            buffer.withUnsafeReadableBytes { decoder.feed($0) }
        }
        for case .reply(let bytes) in events {
            send(bytes, context: context)
        }
        guard let local else { return }
        let arrival = MetricsClock.system.nanoseconds()
        // Lines and client facts, in order (negotiation replies went out above).
        for event in events {
            switch event {
            case .line(let text): local.receive(id: id, line: text, receivedAt: arrival)
            case .lineTooLong(let limit): local.lineTooLong(id: id, limit: limit)
            case .windowSize(let width, let height):
                local.clientInfo(id: id, windowSize: (width, height), terminalType: nil)
            case .terminalType(let name): local.clientInfo(id: id, windowSize: nil, terminalType: name)
            case .endOfRecord(let on): local.setReplyMarks(id: id, on: on)
            case .reply: break
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
            send(bytes, context: context, promise: promise)
        }
    }

    /// Writes the handler's own bytes (greeting, negotiation) at once, counted as output.
    private func send(_ bytes: [UInt8], context: ChannelHandlerContext, promise: EventLoopPromise<Void>? = nil) {
        metrics?.recordBytesOut(bytes.count)
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: bytes)), promise: promise)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        // The output budget is the channel's own count of unsent bytes: past it the channel turns
        // unwritable and the connection is closed (a client that does not read).
        // A channel that cannot take the budget is not served without one.
        let mark = ChannelOptions.Types.WriteBufferWaterMark(low: outputLimit / 2, high: outputLimit)
        do {
            guard let options = context.channel.syncOptions else { throw ChannelError.operationUnsupported }
            try options.setOption(.writeBufferWaterMark, value: mark)
        } catch {
            context.close(promise: nil)
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if !context.channel.isWritable { context.close(promise: nil) }
        context.fireChannelWritabilityChanged()
    }
}
