import ArgumentParser
import ProfileKit

/// The export flags of `profstats`: one output file per format, `-` for standard output.
struct ExportOptions: ParsableArguments {
    @Option(name: .customLong("callgrind"), help: ArgumentHelp(ExportFormat.callgrind.summary, valueName: "OUT"))
    var callgrind: String?

    @Option(name: .customLong("callgrind-unit"), help: ArgumentHelp("Unit of callgrind costs: ns or us.", valueName: "UNIT"))
    var callgrindUnit: CallgrindExporter.TimeUnit = .nanoseconds

    @Flag(name: .customLong("pyprof2calltree"), help: "Write callgrind exactly as pyprof2calltree 1.4.5 does.")
    var pyprof2calltree = false

    @Option(name: .customLong("dot"), help: ArgumentHelp(ExportFormat.dot.summary, valueName: "OUT"))
    var dot: String?

    @Option(name: .customLong("svg"), help: ArgumentHelp(ExportFormat.svg.summary, valueName: "OUT"))
    var svg: String?

    @Option(name: .customLong("png"), help: ArgumentHelp(ExportFormat.png.summary, valueName: "OUT"))
    var png: String?

    @Option(name: .customLong("node-threshold"), help: ArgumentHelp("Call graph: leave out functions below this percent of total time.", valueName: "PCT"))
    var nodeThreshold: Double = 0.5

    @Option(name: .customLong("edge-threshold"), help: ArgumentHelp("Call graph: leave out calls below this percent of total time.", valueName: "PCT"))
    var edgeThreshold: Double = 0.1

    @Option(name: .customLong("theme"), help: ArgumentHelp("Call graph colours: \(DotTheme.all.map(\.name).joined(separator: ", ")).", valueName: "NAME"))
    var theme: String = DotTheme.temperature.name

    @Option(name: .customLong("root"), help: ArgumentHelp("Call graph: only these functions (regex) and what they call.", valueName: "REGEX"))
    var root: String?

    @Option(name: .customLong("leaf"), help: ArgumentHelp("Call graph: only these functions (regex) and their callers.", valueName: "REGEX"))
    var leaf: String?

    @Flag(name: .customLong("color-by-self-time"), help: "Call graph: colour nodes by self time instead of total time.")
    var colorBySelfTime = false

    @Option(name: .customLong("folded"), help: ArgumentHelp(ExportFormat.folded.summary, valueName: "OUT"))
    var folded: String?

    @Option(name: .customLong("flamegraph"), help: ArgumentHelp(ExportFormat.flamegraph.summary, valueName: "OUT"))
    var flamegraph: String?

    @Option(name: .customLong("title"), help: ArgumentHelp("Flame graph title.", valueName: "TEXT"))
    var title = "Flame Graph"

    @Option(name: .customLong("json"), help: ArgumentHelp(ExportFormat.json.summary + "; with --diff, the diff", valueName: "OUT"))
    var json: String?

    @Option(name: .customLong("diff"), help: ArgumentHelp("Compare FILE... against this base profile: change in calls, tottime and cumtime per function.", valueName: "BASE"))
    var diff: String?

    /// The requested outputs, in the table's order.
    var requested: [(format: ExportFormat, path: String)] {
        let paths: [ExportFormat: String?] = [.callgrind: callgrind, .dot: dot, .svg: svg, .png: png,
                                              .folded: folded, .flamegraph: flamegraph, .json: diff == nil ? json : nil]
        return ExportFormat.allCases.compactMap { format in paths[format]!.map { (format, $0) } }
    }

    func validate() throws {
        guard DotTheme.all.contains(where: { $0.name == theme }) else {
            throw ValidationError("unknown theme '\(theme)' (themes: \(DotTheme.all.map(\.name).joined(separator: ", ")))")
        }
        guard nodeThreshold >= 0, edgeThreshold >= 0 else { throw ValidationError("thresholds must be 0 or more") }
        let stdout = requested.filter { $0.path == "-" }.count + (diff != nil && json == "-" ? 1 : 0)
        guard stdout <= 1 else { throw ValidationError("only one output can go to standard output (-)") }
    }

    /// The DOT settings the flags give.
    func dotOptions() throws(ExportError) -> DotOptions {
        DotOptions(nodeThresholdPercent: nodeThreshold, edgeThresholdPercent: edgeThreshold,
                   theme: DotTheme.all.first { $0.name == theme } ?? .temperature,
                   root: try root.map { (r: String) throws(ExportError) in try FunctionSelector(searching: r) },
                   leaf: try leaf.map { (l: String) throws(ExportError) in try FunctionSelector(searching: l) },
                   colorNodesBySelfTime: colorBySelfTime)
    }
}

extension CallgrindExporter.TimeUnit: ExpressibleByArgument {}
