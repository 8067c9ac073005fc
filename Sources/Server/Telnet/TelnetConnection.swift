import NIOCore

/// The game's handle on one telnet channel.
final class TelnetConnection: SessionConnection {
    private let channel: any Channel

    /// Wraps an active channel.
    init(channel: any Channel) {
        self.channel = channel
    }

    /// Sends a line, telnet-encoded (writes are ordered; the channel enforces the output budget).
    func sendLine(_ text: String, endingRecord: Bool, then: (@Sendable () -> Void)?) {
        // Room for the worst case up front: one allocation.
        var buffer = channel.allocator.buffer(capacity: TelnetEncoder.maximumEncodedBytes(text))
        TelnetEncoder.encode(text, into: &buffer, endingLine: true, endingRecord: endingRecord)
        channel.writeAndFlush(buffer, promise: nil)
        guard let then else { return }
        // The flush usually hands every byte to the kernel there and then: `then` runs now, with
        // no promise to make and complete. Bytes still queued (a slow reader) are waited for.
        if let options = channel.syncOptions, (try? options.getOption(.bufferedWritableBytes)) == 0 {
            then()
        } else {
            afterWritten(then)
        }
    }

    /// Sends an end-of-record mark (IAC EOR) on its own.
    func sendEndOfRecord() {
        channel.writeAndFlush(ByteBuffer(bytes: [TelnetCode.iac, TelnetCode.eor]), promise: nil)
    }

    /// Switches password mode in the channel's telnet handler.
    func setPasswordMode(_ on: Bool) {
        channel.triggerUserOutboundEvent(PasswordModeEvent(on: on), promise: nil)
    }

    /// Runs `action` once the writes before it completed (NIO completes writes in order).
    func afterWritten(_ action: @escaping @Sendable () -> Void) {
        channel.writeAndFlush(ByteBuffer()).whenSuccess { action() }
    }

    /// Closes once everything written before has gone out, or after 30 s if the client does not read.
    func close() {
        let channel = self.channel
        channel.writeAndFlush(ByteBuffer()).whenComplete { _ in channel.close(promise: nil) }
        channel.eventLoop.scheduleTask(in: .seconds(30)) { channel.close(promise: nil) }
    }
}
