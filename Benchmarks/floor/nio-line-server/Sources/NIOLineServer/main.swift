// The floor server (Benchmarks/floor/line-server.c) on SwiftNIO, as mudserver uses it: one event
// loop thread, one channel handler per connection, replies written and flushed per read. It greets
// each connection and answers each input line with one short reply (the lag probe as mudserver
// answers it, anything else with a fixed room text), and does nothing else: its CPU per command
// over the C server's is what the socket library costs before any game work.
//
//   swift build -c release --package-path Benchmarks/floor/nio-line-server
//   Benchmarks/floor/nio-line-server/.build/release/NIOLineServer PORT
#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import NIOPosix

let banner = "Welcome to the floor server.\r\nType anything.\r\n"
let room = "A Plain Room(#2)\r\nNothing here but the cost of a reply.\r\nExits: out(#3)\r\n"
let probe = Array("dummyrunner_echo_response ".utf8)
let lineMaxBytes = 4096

/// Splits a connection's bytes into lines and answers each.
final class LineHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var pending: [UInt8] = []

    func channelActive(context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: banner)), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        var answered = false
        for byte in buffer.readableBytesView {
            if byte == UInt8(ascii: "\n") {
                if pending.last == UInt8(ascii: "\r") { pending.removeLast() }
                context.write(wrapOutboundOut(answer(pending, allocator: context.channel.allocator)), promise: nil)
                pending.removeAll(keepingCapacity: true)
                answered = true
            } else if pending.count < lineMaxBytes {
                pending.append(byte)
            }
        }
        if answered { context.flush() }
    }

    private func answer(_ line: [UInt8], allocator: ByteBufferAllocator) -> ByteBuffer {
        guard line.starts(with: probe) else { return allocator.buffer(string: room) }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let sent = String(decoding: line[probe.count...], as: UTF8.self)
        let micros = String(now.tv_nsec / 1000)
        let fraction = String(repeating: "0", count: 6 - micros.count) + micros
        return allocator.buffer(string: "dummyrunner_echo_response:\(sent),\(now.tv_sec).\(fraction)\r\n")
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}

guard CommandLine.arguments.count == 2, let port = Int(CommandLine.arguments[1]) else {
    print("usage: NIOLineServer PORT")
    exit(2)
}
signal(SIGPIPE, SIG_IGN)
let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
let server = try ServerBootstrap(group: group)
    .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
    .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
    .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(LineHandler()) }
    }
    .bind(host: "127.0.0.1", port: port)
    .wait()
// SIGTERM (the benchmark's stop) ends the process with the default action, as the C server's loop does.
try server.closeFuture.wait()
