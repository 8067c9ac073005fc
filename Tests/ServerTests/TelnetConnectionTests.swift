import Foundation
import NIOCore
import NIOPosix
import Synchronization
import Testing
@testable import Server

/// `TelnetConnection` queues lines and marks for its channel, telnet-encoded and in order, and
/// writes them to the socket only when flushed (the game flushes once a unit's output is handed over).
@Suite struct TelnetConnectionTests {
    /// Stands where the telnet handler stands: the connection writes from its context.
    private final class Anchor: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
    }

    /// Collects what the client side reads.
    private final class Collector: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        let bytes = Mutex<[UInt8]>([])

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let buffer = unwrapInboundIn(data)
            bytes.withLock { $0 += buffer.readableBytesView }
        }
    }

    /// A connected pair on loopback: the server side's channel with a connection writing through its
    /// anchor, and a client that collects what it reads.
    private struct Pair {
        let group: MultiThreadedEventLoopGroup
        let server: any Channel
        let accepted: any Channel
        let client: any Channel
        let connection: TelnetConnection
        let collector = Collector()

        init() throws {
            group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
            let acceptedPromise = group.next().makePromise(of: (any Channel).self)
            server = try ServerBootstrap(group: group)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(Anchor(), name: "anchor")
                        acceptedPromise.succeed(channel)
                    }
                }
                .bind(host: "127.0.0.1", port: 0).wait()
            let collector = self.collector
            client = try ClientBootstrap(group: group)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(collector) }
                }
                .connect(to: server.localAddress!).wait()
            let accepted = try acceptedPromise.futureResult.wait()
            self.accepted = accepted
            connection = try accepted.eventLoop.submit {
                TelnetConnection(context: try accepted.pipeline.syncOperations.context(name: "anchor"))
            }.wait()
        }

        /// Runs `body` with the connection on its event loop (the game thread, in the server).
        func onLoop(_ body: @escaping @Sendable (TelnetConnection) -> Void) throws {
            let connection = self.connection
            try accepted.eventLoop.submit { body(connection) }.wait()
        }

        /// What the client read once `count` bytes arrived (or 10 s passed).
        func received(count: Int) -> [UInt8] {
            let deadline = Date().addingTimeInterval(10)
            while collector.bytes.withLock({ $0.count }) < count, Date() < deadline {
                Thread.sleep(forTimeInterval: 0.01)
            }
            return collector.bytes.withLock { $0 }
        }

        func close() {
            try? client.close().wait()
            try? server.close().wait()
            try? group.syncShutdownGracefully()
        }
    }

    @Test func queuedOutputGoesOutOnlyWhenFlushedInOrder() throws {
        let pair = try Pair()
        defer { pair.close() }
        try pair.onLoop { connection in
            connection.sendLine("You see Limbo.", endingRecord: true)
            connection.sendEndOfRecord()
            connection.sendLine("a\nb", endingRecord: false)
        }
        Thread.sleep(forTimeInterval: 0.2)
        #expect(pair.collector.bytes.withLock { $0 }.isEmpty)
        try pair.onLoop { $0.flush() }
        let expected: [UInt8] = Array("You see Limbo.\r\n".utf8) + [255, 239, 255, 239]
            + Array("a\r\nb\r\n".utf8)
        #expect(pair.received(count: expected.count) == expected)
    }

    @Test func aReplyLargerThanTheKeptBufferGoesOutWholeAndTheNextAfterIt() throws {
        let pair = try Pair()
        defer { pair.close() }
        let long = String(repeating: "x", count: 100_000)
        try pair.onLoop { connection in
            connection.sendLine(long, endingRecord: false)
            connection.flush()
            connection.sendLine("after", endingRecord: false)
            connection.flush()
            connection.flush()
        }
        let expected = Array((long + "\r\nafter\r\n").utf8)
        #expect(pair.received(count: expected.count) == expected)
    }

    @Test func closingSendsWhatWasQueuedFirst() throws {
        let pair = try Pair()
        defer { pair.close() }
        try pair.onLoop { connection in
            connection.sendLine("Goodbye.", endingRecord: false)
            connection.close()
        }
        #expect(pair.received(count: 10) == Array("Goodbye.\r\n".utf8))
        try pair.accepted.closeFuture.wait()
    }
}
