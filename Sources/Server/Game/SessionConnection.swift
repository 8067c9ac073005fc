/// The game's view of one client connection: the network side implements it.
///
/// Lines and marks are queued on the connection and go out at the next `flush()`: the game hands
/// over all of a unit's output, settles its bookkeeping, and then flushes, so the write to the
/// socket is the last thing it does for a command (on a busy machine the client's wake-up often
/// preempts the writer, and whatever work comes after the write then waits for it, cache gone cold).
protocol SessionConnection: AnyObject, Sendable {
    /// Queues `text` and a line ending for the client (telnet-encoded on the way), and with
    /// `endingRecord` an end-of-record mark after them.
    func sendLine(_ text: String, endingRecord: Bool)
    /// Queues an end-of-record mark (telnet IAC EOR) with no text.
    func sendEndOfRecord()
    /// Writes what was queued to the socket.
    func flush()
    /// Turns server echo on (password entry: the client stops showing what is typed) or off;
    /// the negotiation goes out at once, after anything queued before it.
    func setPasswordMode(_ on: Bool)
    /// Closes the connection after what was sent so far.
    func close()
}
