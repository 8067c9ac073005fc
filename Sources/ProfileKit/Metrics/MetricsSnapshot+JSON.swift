#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension MetricsSnapshot {
    /// The snapshot as compact JSON with sorted keys (the admin protocol's `snapshot` object; also
    /// what the server stores per row and `mudtop --batch --format json` prints): the bytes
    /// `AdminWire.encoder()` writes, written by hand (`writeJSON`).
    public func jsonBytes() -> [UInt8] {
        var out = JSONOutput()
        writeJSON(to: &out)
        return out.bytes
    }

    /// Reads a snapshot from `jsonBytes()` output (or the protocol's `snapshot` object); unknown keys
    /// are ignored, a schema other than `currentSchema` is refused.
    public init(json: some Collection<UInt8>) throws(MetricsSnapshotDecodingError) {
        do {
            self = try AdminWire.decode(MetricsSnapshot.self, from: json)
        } catch {
            throw MetricsSnapshotDecodingError(message: error.message)
        }
        guard schema == Self.currentSchema else {
            throw MetricsSnapshotDecodingError(message: "snapshot schema \(schema) is not \(Self.currentSchema)")
        }
    }
}

/// Why bytes could not be read as a `MetricsSnapshot`.
public struct MetricsSnapshotDecodingError: Error, Equatable, Sendable {
    /// What was wrong.
    public var message: String
}
