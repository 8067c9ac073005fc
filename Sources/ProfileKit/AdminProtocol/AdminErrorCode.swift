/// A machine-readable reason on an `error` line. A struct, not an enum, so a client can carry a code
/// that a newer server invented; the known ones are the static members.
public struct AdminErrorCode: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible {
    /// The code as it appears on the wire.
    public let rawValue: String

    /// A code from its wire form.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A line was longer than the receiver's limit; it was discarded up to its newline.
    public static let lineTooLong = AdminErrorCode(rawValue: "line_too_long")
    /// A line was not valid JSON (or not valid UTF-8).
    public static let malformedJSON = AdminErrorCode(rawValue: "malformed_json")
    /// Valid JSON, but not a request: not an object, a missing or wrong-typed field, a value out of range.
    public static let invalidRequest = AdminErrorCode(rawValue: "invalid_request")
    /// A `type` the receiver does not know.
    public static let unknownType = AdminErrorCode(rawValue: "unknown_type")
    /// A `command` the server does not know.
    public static let unknownCommand = AdminErrorCode(rawValue: "unknown_command")
    /// The peer speaks a major version this side does not.
    public static let unsupportedVersion = AdminErrorCode(rawValue: "unsupported_version")
    /// The server's first line was not a hello.
    public static let expectedHello = AdminErrorCode(rawValue: "expected_hello")
    /// The server has as many admin connections as it allows; it closes this one.
    public static let tooManyConnections = AdminErrorCode(rawValue: "too_many_connections")
    /// The connection did not authenticate (TCP without the token) or is not the server's user.
    public static let unauthorized = AdminErrorCode(rawValue: "unauthorized")
    /// The server could not carry out a valid command (the message says why).
    public static let commandFailed = AdminErrorCode(rawValue: "command_failed")

    /// The wire form.
    public var description: String { rawValue }

    /// Decodes the bare string.
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    /// Encodes the bare string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// What went wrong with an admin line, on either side: sent back as an `error` line by the server,
/// thrown by the client's decoder.
public struct AdminProtocolError: Error, Equatable, Sendable {
    /// The reason.
    public var code: AdminErrorCode
    /// A sentence for a person.
    public var message: String
    /// The request the error answers, when it was readable.
    public var requestID: Int?

    /// An error from its parts.
    public init(code: AdminErrorCode, message: String, requestID: Int? = nil) {
        self.code = code
        self.message = message
        self.requestID = requestID
    }
}
