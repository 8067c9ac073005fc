import CGraphviz
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Renders DOT text to SVG or PNG bytes in-process with libgvc (no `dot` process), the only file
/// that touches Graphviz. libgvc keeps global state and is not thread-safe, so every render holds
/// one process-wide lock.
struct GraphvizRenderer: Sendable {
    /// What Graphviz should render to.
    enum OutputFormat: String, CaseIterable, Sendable {
        /// Scalable Vector Graphics.
        case svg
        /// Portable Network Graphics (through the cairo plugin).
        case png
    }

    /// Why a render failed, with Graphviz's own message when it gave one.
    struct RenderError: Error, Equatable, CustomStringConvertible {
        /// The step that failed.
        enum Stage: String, Sendable {
            case context = "starting Graphviz"
            case parse = "reading the DOT text"
            case layout = "laying out the graph"
            case render = "rendering"
        }

        /// The step that failed.
        var stage: Stage
        /// Graphviz's message (empty if it said nothing).
        var message: String

        var description: String {
            message.isEmpty ? "Graphviz failed while \(stage.rawValue)"
                : "Graphviz failed while \(stage.rawValue): \(message)"
        }
    }

    /// The Graphviz layout engine (`dot` draws call graphs top-down).
    var layout = "dot"

    /// Lays out and renders DOT text.
    func render(dot: String, as format: OutputFormat) throws(RenderError) -> [UInt8] {
        let result: Result<[UInt8], RenderError> = graphvizLock.withLock { _ in
            // Keep errors out of stderr: below AGMAX they are stored and aglasterr() returns them.
            let previousLevel = agseterr(AGMAX)
            defer { _ = agseterr(previousLevel) }
            guard let context = gvContext() else { return .failure(Self.error(.context)) }
            defer { gvFreeContext(context) }
            guard let graph = agmemread(dot) else { return .failure(Self.error(.parse)) }
            defer { agclose(graph) }
            guard gvLayout(context, graph, layout) == 0 else { return .failure(Self.error(.layout)) }
            defer { gvFreeLayout(context, graph) }
            var data: UnsafeMutablePointer<CChar>?
            var length: UInt32 = 0
            guard gvRenderData(context, graph, format.rawValue, &data, &length) == 0, let data else {
                return .failure(Self.error(.render))
            }
            defer { gvFreeRenderData(data) }
            return .success(Array(UnsafeRawBufferPointer(start: data, count: Int(length))))
        }
        return try result.get()
    }

    /// The error for a stage, with the last message Graphviz stored.
    private static func error(_ stage: RenderError.Stage) -> RenderError {
        guard let text = aglasterr() else { return RenderError(stage: stage, message: "") }
        defer { free(text) }
        let message = String(cString: text).split(whereSeparator: \.isNewline).last.map(String.init) ?? ""
        return RenderError(stage: stage, message: message.trimmingCharacters(in: " "))
    }
}

/// One lock for every libgvc call in the process.
private let graphvizLock = Mutex<Void>(())

extension String {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return String(s)
    }
}
