import ProfileKit

/// A recorded admin stream or snapshot file, read whole: the hello (if recorded) and the
/// snapshots, the history batches first (released at once) and the rest in order.
struct ReplayRecording: Sendable, Equatable {
    /// The recorded server's hello, if the file has one.
    var hello: AdminHello?
    /// Snapshots that arrived as history (shown at once on attach).
    var history: [MetricsSnapshot] = []
    /// Snapshots that arrived one by one (subscription lines, or every line of a bare snapshot file).
    var stream: [MetricsSnapshot] = []

    /// Whether it holds no snapshot (nothing to show).
    var isEmpty: Bool { history.isEmpty && stream.isEmpty }

    /// A recording from its parts.
    init(hello: AdminHello? = nil, history: [MetricsSnapshot] = [], stream: [MetricsSnapshot] = []) {
        self.hello = hello
        self.history = history
        self.stream = stream
    }

    /// Reads JSON lines: admin server messages (`hello`, `history`, `snapshot`; others skipped)
    /// or bare snapshot objects, mixed freely. A hello whose major version mudtop does not speak
    /// is refused like a live one.
    init(bytes: [UInt8], version: AdminProtocolVersion = .current) throws(ReplayError) {
        for (index, slice) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            var line = slice
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            if line.isEmpty { continue }
            guard line.count <= AdminClientReader.defaultMaxLineLength else {
                throw ReplayError(message: "line \(index + 1) is longer than \(AdminClientReader.defaultMaxLineLength) bytes")
            }
            try read(Array(line), lineNumber: index + 1, version: version)
        }
    }

    private mutating func read(_ line: [UInt8], lineNumber: Int, version: AdminProtocolVersion) throws(ReplayError) {
        let message: AdminServerMessage?
        do {
            message = try AdminServerMessage.parse(line: line)
        } catch {
            if error.code == .unsupportedVersion {
                throw ReplayError(message: "line \(lineNumber): \(error.message)", code: error.code)
            }
            // Not a server message: a bare snapshot object, or nothing mudtop can read.
            do {
                stream.append(try MetricsSnapshot(json: line))
            } catch let snapshotError {
                throw ReplayError(message: "line \(lineNumber): neither an admin message (\(error.message)) "
                                  + "nor a snapshot (\(snapshotError.message))")
            }
            return
        }
        switch message {
        case .hello(let greeting):
            guard version.canRead(greeting.protocolVersion) else {
                throw ReplayError(
                    message: "the recording's server speaks admin protocol \(greeting.protocolVersion); "
                        + "this mudtop speaks \(version.major).x", code: .unsupportedVersion)
            }
            hello = greeting
        case .history(_, let snapshots, _):
            history.append(contentsOf: snapshots)
        case .snapshot(_, let snapshot):
            stream.append(snapshot)
        case .result, .error, nil:
            break
        }
    }
}

/// Why a recording could not be played.
struct ReplayError: Error, Equatable, Sendable {
    /// What was wrong, with the line number.
    var message: String
    /// The protocol code, when the problem is the protocol's (`unsupported_version`).
    var code: AdminErrorCode?
}
