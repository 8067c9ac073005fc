import NIOCore

/// Hands one bot's socket events to the fleet (runs on the fleet's event loop).
final class BotChannelHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let index: Int
    private let fleet: NIOLoopBound<BotFleet>

    /// The handler of bot `index`.
    init(index: Int, fleet: NIOLoopBound<BotFleet>) {
        self.index = index
        self.fleet = fleet
    }

    /// Server output arrived.
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        fleet.value.received(index, text: String(buffer: buffer))
    }

    /// The server closed the connection.
    func channelInactive(context: ChannelHandlerContext) {
        fleet.value.closed(index)
        context.fireChannelInactive()
    }

    /// A socket error: close; `channelInactive` does the bookkeeping.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
