import Foundation
import NIOCore
import NIOPosix
import Synchronization
import Testing
@testable import Server

/// `TelnetConnection.sendLine(_:endingRecord:then:)` runs `then` once its line is written to the socket: at once
/// when the flush hands every byte to the kernel, later when a slow reader leaves bytes queued.
@Suite struct TelnetConnectionTests {
    /// A connected pair on loopback: the server side's channel, and a client that reads only when told.
    private struct Pair {
        let group: MultiThreadedEventLoopGroup
        let server: any Channel
        let accepted: any Channel
        let client: any Channel

        init() throws {
            group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
            let acceptedPromise = group.next().makePromise(of: (any Channel).self)
            server = try ServerBootstrap(group: group)
                .childChannelInitializer { channel in
                    acceptedPromise.succeed(channel)
                    return channel.eventLoop.makeSucceededVoidFuture()
                }
                .bind(host: "127.0.0.1", port: 0).wait()
            client = try ClientBootstrap(group: group)
                .channelOption(.autoRead, value: false)
                .connect(to: server.localAddress!).wait()
            accepted = try acceptedPromise.futureResult.wait()
        }

        func close() {
            try? client.close().wait()
            try? server.close().wait()
            try? group.syncShutdownGracefully()
        }
    }

    @Test func aLineTheKernelTookRunsItsActionAtOnce() throws {
        let pair = try Pair()
        defer { pair.close() }
        let connection = TelnetConnection(channel: pair.accepted)
        let runs = Mutex(0)
        let ranDuringSend = try pair.accepted.eventLoop.submit {
            connection.sendLine("You see Limbo.", endingRecord: false, then: { runs.withLock { $0 += 1 } })
            return runs.withLock { $0 }
        }.wait()
        #expect(ranDuringSend == 1)
    }

    @Test func aLineStillQueuedRunsItsActionOnlyOnceWritten() throws {
        let pair = try Pair()
        defer { pair.close() }
        let connection = TelnetConnection(channel: pair.accepted)
        let runs = Mutex(0)
        // More than loopback's socket buffers hold while the client does not read.
        let line = String(repeating: "x", count: 32 << 20)
        let ranDuringSend = try pair.accepted.eventLoop.submit {
            connection.sendLine(line, endingRecord: false, then: { runs.withLock { $0 += 1 } })
            return runs.withLock { $0 }
        }.wait()
        #expect(ranDuringSend == 0)
        Thread.sleep(forTimeInterval: 0.2)
        #expect(runs.withLock { $0 } == 0)
        // The client reads (and drops) everything: the line is written, and the action runs once.
        try pair.client.setOption(.autoRead, value: true).wait()
        pair.client.read()
        let deadline = Date().addingTimeInterval(20)
        while runs.withLock({ $0 }) == 0, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        Thread.sleep(forTimeInterval: 0.1)
        #expect(runs.withLock { $0 } == 1)
    }
}
