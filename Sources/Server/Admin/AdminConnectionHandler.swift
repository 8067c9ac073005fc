import NIOCore
import ProfileKit

/// One admin connection (share/doc/admin-protocol.md): the token on TCP, the hello, then requests
/// answered one at a time in order, with snapshots pushed for a subscription.
///
/// Bad input never closes the connection: each bad line gets an `error` line. A client that does not
/// read its answers is not read from until it does, and its snapshots are dropped (a gap in
/// `sequence`) while its socket is full, so it cannot make the server buffer without bound. When the
/// client closes its side, the connection closes once the requests are answered (unless subscribed).
final class AdminConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// Longest token line accepted before giving up on a TCP client.
    static let maxTokenLineBytes = 1_024
    /// Requests waiting behind a slow one before new ones are refused.
    static let maxQueuedRequests = 256

    private let service: AdminService
    private let token: String?
    private var tokenBuffer: [UInt8] = []
    private var authenticated: Bool
    private var admitted = false
    private var reader = AdminRequestReader()
    private var queued: [AdminRequest] = []
    private var working = false
    private var subscription: Int?
    private var inputClosed = false
    private var refused = false

    /// A handler for one connection; with a `token` (TCP) the first line must carry it.
    init(service: AdminService, token: String?) {
        self.service = service
        self.token = token
        self.authenticated = token == nil
    }

    func channelActive(context: ChannelHandlerContext) {
        if authenticated { greet(context) }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let subscription { service.metrics.unsubscribe(subscription) }
        subscription = nil
        if admitted { service.release() }
        admitted = false
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !refused else { return }
        let buffer = unwrapInboundIn(data)
        var bytes = ArraySlice(buffer.readableBytesView)
        if !authenticated {
            guard let rest = readToken(&bytes, context: context) else { return }
            bytes = rest
        }
        guard admitted else { return }
        for outcome in reader.feed(bytes) {
            switch outcome {
            case .failure(let error): send(.error(error), context: context)
            case .success(let request): enqueue(request, context: context)
            }
        }
        if !context.channel.isWritable {
            context.channel.setOption(.autoRead, value: false).whenFailure { _ in }
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            context.channel.setOption(.autoRead, value: true).whenFailure { _ in }
        }
        context.fireChannelWritabilityChanged()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed {
            if admitted, let last = reader.finish() {
                switch last {
                case .failure(let error): send(.error(error), context: context)
                case .success(let request): enqueue(request, context: context)
                }
            }
            inputClosed = true
            closeIfDone(context)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    // MARK: steps

    /// After the client closed its side: close once nothing is left to answer or push.
    private func closeIfDone(_ context: ChannelHandlerContext) {
        if inputClosed, !working, queued.isEmpty, subscription == nil { context.close(promise: nil) }
    }

    /// Sends the hello, then closes with `too_many_connections` if the cap is reached.
    private func greet(_ context: ChannelHandlerContext) {
        context.write(wrapOutboundOut(ByteBuffer(bytes: service.helloLine)), promise: nil)
        guard service.admit() else {
            refused = true
            let refusal = AdminServerMessage.error(AdminProtocolError(
                code: .tooManyConnections,
                message: "the server allows \(service.maxConnections) admin connections; closing this one"))
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: refusal.encodedLine()))).whenComplete { _ in
                channel.close(promise: nil)
            }
            return
        }
        admitted = true
        context.flush()
    }

    /// Collects the first line and checks the token; returns the bytes after it once accepted.
    private func readToken(_ bytes: inout ArraySlice<UInt8>, context: ChannelHandlerContext) -> ArraySlice<UInt8>? {
        guard let token else { return bytes }
        guard let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) else {
            tokenBuffer += bytes
            if tokenBuffer.count > Self.maxTokenLineBytes { refuse(context) }
            return nil
        }
        tokenBuffer += bytes[..<newline]
        if tokenBuffer.last == UInt8(ascii: "\r") { tokenBuffer.removeLast() }
        guard AdminToken.accepts(line: tokenBuffer, expected: token) else {
            refuse(context)
            return nil
        }
        tokenBuffer = []
        authenticated = true
        greet(context)
        return bytes[(newline + 1)...]
    }

    private func refuse(_ context: ChannelHandlerContext) {
        refused = true
        tokenBuffer = []
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: AdminToken.refusal.encodedLine()))).whenComplete { _ in
            channel.close(promise: nil)
        }
    }

    private func enqueue(_ request: AdminRequest, context: ChannelHandlerContext) {
        guard queued.count < Self.maxQueuedRequests else {
            return send(.error(AdminProtocolError(code: .commandFailed, message: "too many requests waiting",
                                                  requestID: request.id)), context: context)
        }
        queued.append(request)
        if !working { next(context) }
    }

    /// Answers queued requests in order; one that waits on another thread resumes the loop.
    private func next(_ context: ChannelHandlerContext) {
        while !working, !queued.isEmpty {
            let request = queued.removeFirst()
            switch request.kind {
            case .subscribe(let interval, let sessions):
                if let subscription { service.metrics.unsubscribe(subscription) }
                let channel = context.channel
                let id = request.id
                subscription = service.metrics.subscribe(interval: interval, sessions: sessions) { snapshot in
                    guard channel.isActive, channel.isWritable else { return }
                    channel.writeAndFlush(ByteBuffer(bytes: AdminServerMessage.snapshot(id: id, snapshot).encodedLine()),
                                          promise: nil)
                }
            case .unsubscribe:
                if let subscription { service.metrics.unsubscribe(subscription) }
                subscription = nil
            case .history(let from, let to):
                working = true
                let resume = resumer(context)
                service.metrics.history(from: from, to: to) { snapshots in
                    resume(AdminServerMessage.historyBatches(id: request.id, snapshots: snapshots))
                }
            case .command(let command):
                working = true
                let resume = resumer(context)
                service.run(command, id: request.id) { resume([$0]) }
            }
        }
    }

    /// A function any thread may call with the answer to the request in progress: it writes the
    /// lines on the channel's loop and goes on with the queue.
    private func resumer(_ context: ChannelHandlerContext) -> @Sendable ([AdminServerMessage]) -> Void {
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        let loop = context.eventLoop
        return { messages in
            loop.execute {
                let (handler, context) = bound.value
                guard context.channel.isActive else { return }
                for message in messages { handler.send(message, context: context, flush: false) }
                context.flush()
                handler.working = false
                handler.next(context)
                handler.closeIfDone(context)
            }
        }
    }

    private func send(_ message: AdminServerMessage, context: ChannelHandlerContext, flush: Bool = true) {
        let buffer = wrapOutboundOut(ByteBuffer(bytes: message.encodedLine()))
        if flush { context.writeAndFlush(buffer, promise: nil) } else { context.write(buffer, promise: nil) }
    }
}
