/// A path of open scopes (outermost first) captured on one thread, to attribute work done on
/// another thread to it: `ThreadRecorder.currentContext()` and `ThreadRecorder.enter(_:in:)`.
public struct ProfileContext: Sendable, Equatable {
    /// Site ids, outermost first.
    let sites: [Int32]

    /// The empty context: work entered in it is a root of its thread.
    public static let root = ProfileContext(sites: [])

    /// The number of scopes in the path.
    public var depth: Int { sites.count }

    /// The scopes' keys, outermost first.
    public var keys: [FunctionKey] { sites.map { ProfileSiteTable.shared.key(for: $0) } }
}
