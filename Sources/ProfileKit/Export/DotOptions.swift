/// Settings of the DOT call graph; the defaults are gprof2dot's.
public struct DotOptions: Sendable {
    /// Drop functions below this share of total time, in percent (`-n`, default 0.5).
    public var nodeThresholdPercent: Double
    /// Drop calls below this share of total time, in percent (`-e`, default 0.1).
    public var edgeThresholdPercent: Double
    /// Colours, fonts and pen widths.
    public var theme: DotTheme
    /// Keep only the selected functions and what they call (`--root`), after the thresholds.
    public var root: FunctionSelector?
    /// Keep only the selected functions and their callers (`--leaf`), after `root`.
    public var leaf: FunctionSelector?
    /// How many calls away from a root or leaf to keep; nil for no limit (`--depth`).
    public var depth: Int?
    /// Colour nodes by self time (relative to the largest) instead of total time.
    public var colorNodesBySelfTime: Bool

    /// Options; every default is gprof2dot's.
    public init(nodeThresholdPercent: Double = 0.5, edgeThresholdPercent: Double = 0.1,
                theme: DotTheme = .temperature, root: FunctionSelector? = nil, leaf: FunctionSelector? = nil,
                depth: Int? = nil, colorNodesBySelfTime: Bool = false) {
        self.nodeThresholdPercent = nodeThresholdPercent
        self.edgeThresholdPercent = edgeThresholdPercent
        self.theme = theme
        self.root = root
        self.leaf = leaf
        self.depth = depth
        self.colorNodesBySelfTime = colorNodesBySelfTime
    }
}
