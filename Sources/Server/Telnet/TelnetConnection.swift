import NIOCore

/// The game's handle on one telnet channel.
final class TelnetConnection: SessionConnection {
    private let channel: any Channel

    /// Wraps an active channel.
    init(channel: any Channel) {
        self.channel = channel
    }

    /// Queues a line, telnet-encoded (writes are ordered; the channel enforces the output budget).
    func sendLine(_ text: String, endingRecord: Bool) {
        // Room for the worst case up front: one allocation.
        var buffer = channel.allocator.buffer(capacity: TelnetEncoder.maximumEncodedBytes(text))
        TelnetEncoder.encode(text, into: &buffer, endingLine: true, endingRecord: endingRecord)
        channel.write(buffer, promise: nil)
    }

    /// Queues an end-of-record mark (IAC EOR) on its own.
    func sendEndOfRecord() {
        var buffer = channel.allocator.buffer(capacity: TelnetEncoder.maximumEncodedBytes(""))
        TelnetEncoder.encode("", into: &buffer, endingLine: false, endingRecord: true)
        channel.write(buffer, promise: nil)
    }

    /// Writes what was queued.
    func flush() {
        channel.flush()
    }

    /// Switches password mode in the channel's telnet handler.
    func setPasswordMode(_ on: Bool) {
        channel.triggerUserOutboundEvent(PasswordModeEvent(on: on), promise: nil)
    }

    /// Closes once everything written before has gone out, or after 30 s if the client does not read.
    func close() {
        let channel = self.channel
        channel.writeAndFlush(ByteBuffer()).whenComplete { _ in channel.close(promise: nil) }
        channel.eventLoop.scheduleTask(in: .seconds(30)) { channel.close(promise: nil) }
    }
}
