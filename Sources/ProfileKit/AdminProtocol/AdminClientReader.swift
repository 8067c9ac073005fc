/// The client's side of an admin connection's input (mudtop): checks the hello, then reads messages.
///
/// The first line must be a hello whose major version this code speaks; anything else throws
/// (`expected_hello`, `unsupported_version`) and the client should hang up and say why. Later
/// lines of unknown `type` are skipped, as the protocol's minor versions allow.
public struct AdminClientReader: Sendable {
    /// The default longest server line: history batches run to a few hundred KiB.
    public static let defaultMaxLineLength = 8 * 1_048_576

    private var lines: JSONLineDecoder
    private let speaks: AdminProtocolVersion
    /// The server's hello, once read.
    public private(set) var hello: AdminHello?

    /// A reader for a client speaking `version`, refusing lines over `maxLineLength` bytes.
    public init(version: AdminProtocolVersion = .current, maxLineLength: Int = AdminClientReader.defaultMaxLineLength) {
        lines = JSONLineDecoder(maxLineLength: maxLineLength)
        speaks = version
    }

    /// Takes the next bytes from the server and returns the messages they complete, the hello first.
    /// A thrown error ends the conversation (hang up and say why); messages earlier in the same
    /// bytes are dropped with it.
    public mutating func feed(_ bytes: some Sequence<UInt8>) throws(AdminProtocolError) -> [AdminServerMessage] {
        var messages: [AdminServerMessage] = []
        for event in lines.feed(bytes) {
            guard case .line(let line) = event else {
                throw AdminProtocolError(code: .lineTooLong, message: "server line longer than \(lines.maxLineLength) bytes")
            }
            if let message = try read(line) { messages.append(message) }
        }
        return messages
    }

    private mutating func read(_ line: [UInt8]) throws(AdminProtocolError) -> AdminServerMessage? {
        guard hello == nil else { return try AdminServerMessage.parse(line: line) }
        let first: AdminServerMessage?
        do {
            first = try AdminServerMessage.parse(line: line)
        } catch where error.code == .unsupportedVersion {
            throw error
        } catch {
            throw AdminProtocolError(code: .expectedHello, message: "the server's first line is not a hello: \(error.message)")
        }
        guard case .hello(let greeting) = first else {
            throw AdminProtocolError(code: .expectedHello, message: "the server's first line is not a hello")
        }
        guard speaks.canRead(greeting.protocolVersion) else {
            throw AdminProtocolError(
                code: .unsupportedVersion,
                message: "server speaks admin protocol \(greeting.protocolVersion), this client speaks \(speaks.major).x")
        }
        hello = greeting
        return first
    }
}
