import Testing
@testable import Server

/// The scrape endpoint's pure request handling: status lines, HEAD, and when a head is complete.
@Suite struct PrometheusEndpointTests {
    private func answer(_ request: String, metrics: String? = "mud_x 1\n") -> String {
        String(decoding: PrometheusEndpoint.response(head: Array(request.utf8)) { metrics }, as: UTF8.self)
    }

    @Test func statusLines() {
        #expect(answer("GET /metrics HTTP/1.1\r\n\r\n").hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(answer("GET /metrics HTTP/1.1\r\n\r\n").hasSuffix("\r\n\r\nmud_x 1\n"))
        #expect(answer("GET /metrics?x=1 HTTP/1.0\r\n\r\n").hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(answer("HEAD /metrics HTTP/1.1\r\n\r\n").hasSuffix("Content-Length: 8\r\nConnection: close\r\n\r\n"))
        #expect(answer("GET / HTTP/1.1\r\n\r\n").hasPrefix("HTTP/1.1 404 Not Found\r\n"))
        #expect(answer("DELETE /metrics HTTP/1.1\r\n\r\n").contains("405 Method Not Allowed\r\nContent-Type"))
        #expect(answer("garbage\r\n\r\n").hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
        #expect(answer("GET /metrics HTTP/1.1\r\n\r\n", metrics: nil).hasPrefix("HTTP/1.1 503 Service Unavailable\r\n"))
    }

    @Test func headCompletion() {
        #expect(PrometheusEndpoint.headIsComplete(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8)))
        #expect(PrometheusEndpoint.headIsComplete(Array("GET / HTTP/1.1\n\n".utf8)))
        #expect(!PrometheusEndpoint.headIsComplete(Array("GET / HTTP/1.1\r\nHost: x\r\n".utf8)))
    }
}
