import NIOCore
import NIOPosix
import ProfileKit

/// The Prometheus scrape endpoint: HTTP/1.1 on 127.0.0.1, `GET /metrics` answers the text exposition
/// (format 0.0.4) of the latest snapshot and the counters since start; one request per connection.
final class PrometheusEndpoint: Sendable {
    /// The port bound (useful when 0 was asked for).
    let port: Int
    private let channel: any Channel

    /// Binds 127.0.0.1:`port` on `group`.
    init(metrics: ServerMetrics, port: Int, group: any EventLoopGroup) throws(LauncherError) {
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 64)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ScrapeHandler(metrics: metrics))
                }
            }
        do {
            channel = try bootstrap.bind(host: "127.0.0.1", port: port).wait()
        } catch {
            throw .startFailed("cannot listen for Prometheus on 127.0.0.1:\(port): \(error)")
        }
        self.port = channel.localAddress?.port ?? port
    }

    /// Stops listening.
    func close() {
        try? channel.close().wait()
    }

    /// The response to a request head (the bytes up to the blank line): pure, for tests.
    static func response(head: [UInt8], metrics: () -> String?) -> [UInt8] {
        let firstLine = head.split(separator: UInt8(ascii: "\n"), maxSplits: 1).first.map { String(decoding: $0, as: UTF8.self) } ?? ""
        let words = firstLine.split(separator: " ")
        guard words.count == 3, words[2].hasPrefix("HTTP/1.") else {
            return reply(400, "Bad Request", "text/plain; charset=utf-8", "bad request line\n")
        }
        guard words[0] == "GET" || words[0] == "HEAD" else {
            return reply(405, "Method Not Allowed", "text/plain; charset=utf-8", "only GET\n", extra: "Allow: GET, HEAD\r\n")
        }
        let path = words[1].split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
        guard path == "/metrics" else {
            return reply(404, "Not Found", "text/plain; charset=utf-8", "the metrics are at /metrics\n")
        }
        guard let body = metrics() else {
            return reply(503, "Service Unavailable", "text/plain; charset=utf-8", "no snapshot yet; retry in a second\n")
        }
        var bytes = reply(200, "OK", PrometheusExposition.contentType, body)
        if words[0] == "HEAD", let end = bytes.indices.first(where: { bytes[$0...].starts(with: Array("\r\n\r\n".utf8)) }) {
            bytes.removeSubrange((end + 4)...)
        }
        return bytes
    }

    private static func reply(_ status: Int, _ reason: String, _ type: String, _ body: String, extra: String = "") -> [UInt8] {
        let payload = Array(body.utf8)
        let head = "HTTP/1.1 \(status) \(reason)\r\nContent-Type: \(type)\r\nContent-Length: \(payload.count)\r\n"
            + extra + "Connection: close\r\n\r\n"
        return Array(head.utf8) + payload
    }
}

/// One scrape connection: reads the request head (at most 8 KiB), answers, closes.
final class ScrapeHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private static let maxHeadBytes = 8_192
    private let metrics: ServerMetrics
    private var head: [UInt8] = []
    private var answered = false

    init(metrics: ServerMetrics) {
        self.metrics = metrics
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !answered else { return }
        head += unwrapInboundIn(data).readableBytesView
        let complete = head.count >= 4 && (0...(head.count - 4)).contains { head[$0...].starts(with: [13, 10, 13, 10]) }
            || (head.count >= 2 && (0...(head.count - 2)).contains { head[$0...].starts(with: [10, 10]) })
        guard complete || head.count > Self.maxHeadBytes else { return }
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
