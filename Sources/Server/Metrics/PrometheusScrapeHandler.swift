import NIOCore
import ProfileKit

/// One scrape connection: reads the request head (at most 8 KiB), answers, closes.
final class PrometheusScrapeHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private static let maxHeadBytes = 8_192
    private let metrics: ServerMetrics
    private var head: [UInt8] = []
    private var answered = false

    /// A handler answering from `metrics`.
    init(metrics: ServerMetrics) {
        self.metrics = metrics
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !answered else { return }
        head += unwrapInboundIn(data).readableBytesView
        guard PrometheusEndpoint.headIsComplete(head) || head.count > Self.maxHeadBytes else { return }
        answered = true
        let metrics = self.metrics
        let bytes = PrometheusEndpoint.response(head: head) {
            metrics.latest.map { PrometheusExposition.render(snapshot: $0, totals: metrics.collector.totals()) }
        }
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: bytes))).whenComplete { _ in channel.close(promise: nil) }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
