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

    /// Server output arrived; a read holding only telnet negotiation is not a reply.
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        let text = buffer.readableBytesView.contains(TelnetCode.iac)
            ? TelnetText.visible(buffer.readableBytesView) : Array(buffer.readableBytesView)
        guard !text.isEmpty else { return }
        fleet.value.received(index, text: String(decoding: text, as: UTF8.self))
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
