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
            .serverChannelInitializer { ListenerGuard.install(on: $0, name: "Prometheus", logger: nil) }
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(PrometheusScrapeHandler(metrics: metrics))
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

    /// Whether `head` holds a whole request head: a blank line (CRLF CRLF, or a bare LF LF).
    static func headIsComplete(_ head: [UInt8]) -> Bool {
        var newlines = 0
        for byte in head {
            switch byte {
            case 10:
                newlines += 1
                if newlines == 2 { return true }
            case 13: continue
            default: newlines = 0
            }
        }
        return false
    }

    private static func reply(_ status: Int, _ reason: String, _ type: String, _ body: String, extra: String = "") -> [UInt8] {
        let payload = Array(body.utf8)
        let head = "HTTP/1.1 \(status) \(reason)\r\nContent-Type: \(type)\r\nContent-Length: \(payload.count)\r\n"
            + extra + "Connection: close\r\n\r\n"
        return Array(head.utf8) + payload
    }
}
