/// The admin protocol's version, `major.minor` (share/doc/admin-protocol.md): a client speaks every
/// minor of its major (newer minors only add optional fields and message types it may ignore);
/// a different major is a different protocol.
public struct AdminProtocolVersion: Sendable, Equatable, Comparable, CustomStringConvertible {
    /// Incompatible changes bump it.
    public var major: Int
    /// Compatible additions bump it.
    public var minor: Int

    /// A version from its parts.
    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// The version this code speaks.
    public static let current = AdminProtocolVersion(major: 1, minor: 1)

    /// Reads `"1.0"`; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let major = Int(parts[0]), let minor = Int(parts[1]), major >= 0, minor >= 0,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) })
        else { return nil }
        self.init(major: major, minor: minor)
    }

    /// `major.minor`.
    public var description: String { "\(major).\(minor)" }

    /// Whether a peer speaking `other` can be understood by code speaking `self`.
    public func canRead(_ other: AdminProtocolVersion) -> Bool { other.major == major }

    /// Orders by major, then minor.
    public static func < (a: AdminProtocolVersion, b: AdminProtocolVersion) -> Bool {
        (a.major, a.minor) < (b.major, b.minor)
    }
}
