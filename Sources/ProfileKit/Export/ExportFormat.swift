/// Every export profstats can write, listed once: the command line builds its flags and `--help`
/// text from this table.
public enum ExportFormat: String, CaseIterable, Sendable {
    /// The callgrind format, for KCachegrind and `callgrind_annotate`.
    case callgrind
    /// A Graphviz DOT call graph with gprof2dot's conventions.
    case dot
    /// The DOT call graph rendered to SVG by libgvc.
    case svg
    /// The DOT call graph rendered to PNG by libgvc.
    case png
    /// Brendan Gregg's folded stacks (`a;b;c 1234`), merged and sorted.
    case folded
    /// A self-contained, zoomable flame-graph SVG.
    case flamegraph
    /// The selected functions as JSON (schema in share/doc/profstats-json.md).
    case json

    /// The command-line flag that asks for this format.
    public var flag: String { "--\(rawValue)" }

    /// The file name extension outputs of this format usually carry.
    public var fileExtension: String {
        switch self {
        case .callgrind: "callgrind"
        case .dot: "dot"
        case .svg, .flamegraph: "svg"
        case .png: "png"
        case .folded: "folded"
        case .json: "json"
        }
    }

    /// What the format needs as input.
    public var input: ExportInputKind {
        switch self {
        case .callgrind, .dot, .svg, .png, .json: .profile
        case .folded, .flamegraph: .stacks
        }
    }

    /// True when the output is DOT text that still has to be laid out and rendered by Graphviz.
    public var needsGraphvizRendering: Bool { self == .svg || self == .png }

    /// One line for `--help`.
    public var summary: String {
        switch self {
        case .callgrind: "callgrind file for KCachegrind/callgrind_annotate (self and inclusive time)"
        case .dot: "Graphviz DOT call graph (gprof2dot conventions, heat colours, thresholds)"
        case .svg: "call graph rendered to SVG in-process by Graphviz"
        case .png: "call graph rendered to PNG in-process by Graphviz"
        case .folded: "folded stacks (a;b;c weight), merged and sorted; needs folded input"
        case .flamegraph: "flame-graph SVG with hover details and click-to-zoom; needs folded input"
        case .json: "the sorted, restricted functions as JSON (share/doc/profstats-json.md)"
        }
    }
}

/// The kind of input an export is made from.
public enum ExportInputKind: Sendable {
    /// A pstats profile: functions and caller/callee pairs.
    case profile
    /// Full call stacks (folded-stack text), such as the server's `server.folded`.
    case stacks
}
