/// The game's view of one client connection: the network side implements it.
protocol SessionConnection: AnyObject, Sendable {
    /// Sends `text` and a line ending to the client (telnet-encoded on the way), and with
    /// `endingRecord` an end-of-record mark after them; `then`, if given, runs once it is written
    /// to the socket (not if the connection closes first).
    func sendLine(_ text: String, endingRecord: Bool, then: (@Sendable () -> Void)?)
    /// Sends an end-of-record mark (telnet IAC EOR) with no text.
    func sendEndOfRecord()
    /// Turns server echo on (password entry: the client stops showing what is typed) or off.
    func setPasswordMode(_ on: Bool)
    /// Closes the connection after what was sent so far.
    func close()
    /// Runs `action` (on any thread) once everything sent so far is written to the socket; not if
    /// the connection closes first.
    func afterWritten(_ action: @escaping @Sendable () -> Void)
}
