import NIOCore

/// Hands one bot's socket events to the fleet (runs on the fleet's event loop).
final class BotChannelHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let index: Int
    private let fleet: NIOLoopBound<BotFleet>
    private var scanner = TelnetScanner()

    /// The handler of bot `index`.
    init(index: Int, fleet: NIOLoopBound<BotFleet>) {
        self.index = index
        self.fleet = fleet
    }

    /// Connected: asks the server to mark the end of each line's output (IAC DO EOR), before any line.
    func channelActive(context: ChannelHandlerContext) {
        let request: [UInt8] = [TelnetCode.iac, TelnetCode.do, TelnetCode.endOfRecord]
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: request)), promise: nil)
        context.fireChannelActive()
    }

    /// Server output arrived: its text, marks and EOR answers go to the fleet in order (a read
    /// holding only negotiation has no text, and is not a reply).
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        for piece in scanner.scan(buffer.readableBytesView) {
            fleet.value.received(index, piece)
        }
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
