/// An instrumentation point: a `(file, line, function)` key interned once to a small integer id.
///
/// Create a site once per place in the code, usually as a `static let`, so the hot path of
/// `ThreadRecorder.enter(_:)` handles a 32-bit id and never hashes a string:
///
/// ```swift
/// enum CommandProbes {
///     static let parse = ProfileSite("parse")          // file and line of this declaration
/// }
/// let token = recorder.enter(CommandProbes.parse)
/// defer { recorder.exit(token) }
/// ```
///
/// Equal keys intern to the same id, process-wide, so two sites with the same file, line and name
/// are one function in the profile.
public struct ProfileSite: Hashable, Sendable {
    /// The interned id: an index into the process-wide site table.
    public let id: Int32

    /// Interns the site `name` declared in `file` at `line` (`#fileID`, `#line` by default).
    public init(_ name: String, file: String = #fileID, line: Int = #line) {
        self.init(key: FunctionKey(file: file, line: line, name: name))
    }

    /// Interns the enclosing function as a site (`#function`, `#fileID`, `#line` by default).
    /// In a `static let`, `#function` is the property's name; pass a name there instead.
    public init(function: String = #function, file: String = #fileID, line: Int = #line) {
        self.init(key: FunctionKey(file: file, line: line, name: function))
    }

    /// Interns an explicit key, for example a built-in style `FunctionKey.builtin("<sqlite commit>")`.
    public init(key: FunctionKey) {
        id = ProfileSiteTable.shared.intern(key)
    }

    /// The key this site stands for in a profile.
    public var key: FunctionKey { ProfileSiteTable.shared.key(for: id) }
}
