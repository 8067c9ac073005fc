/// pstats' `Stats` object: one or more profiles merged, an optional sort order, and the totals the
/// report header prints. Each operation follows CPython's Lib/pstats.py (3.11-3.13) exactly,
/// including its quirks, so that the printed reports match byte for byte.
public struct StatsSession: Sendable {
    /// The merged profile, in pstats' dict order.
    public private(set) var profile: Profile
    /// The header lines, one per loaded file (`ctime    path`), in pstats' order.
    public private(set) var files: [String]
    /// Sum of all calls, as pstats accumulates it per file (128 bits: merged 64-bit counts can
    /// pass 2^63, and Python's integers do not overflow).
    public private(set) var totalCalls: Int128
    /// Sum of primitive calls.
    public private(set) var primitiveCalls: Int128
    /// Sum of self time in seconds, summed per file in pstats' order.
    public private(set) var totalTime: Double
    /// The longest printed name, in characters (pstats' `max_name_len`).
    public private(set) var maxNameLength: Int
    /// The current order as positions in `profile.functions`, or nil when unsorted.
    public private(set) var order: [Int]?
    /// What "Ordered by:" says for the current order.
    public private(set) var orderDescription = ""

    /// A session over one loaded profile; `header` is its `ctime    path` line, if any.
    public init(profile: Profile, header: String? = nil) {
        self.profile = profile
        self.files = header.map { [$0] } ?? []
        var calls: Int128 = 0, primitive: Int128 = 0, time = 0.0
        for f in profile.functions {
            calls += Int128(f.calls)
            primitive += Int128(f.primitiveCalls)
            time += f.selfTime
        }
        totalCalls = calls
        primitiveCalls = primitive
        totalTime = time
        maxNameLength = profile.functions.reduce(0) { max($0, $1.key.standardName.unicodeScalars.count) }
    }

    /// `Stats(a, b, c)`: the first session, then the others added in reverse, as `Stats.add` does.
    public init(merging sessions: [StatsSession]) {
        precondition(!sessions.isEmpty, "a stats session needs at least one profile")
        self = sessions[0]
        add(contentsOf: Array(sessions.dropFirst()))
    }

    /// `Stats.add(*others)`: merges the others in reverse order of the list.
    public mutating func add(contentsOf others: [StatsSession]) {
        for other in others.reversed() {
            files += other.files
            totalCalls += other.totalCalls
            primitiveCalls += other.primitiveCalls
            totalTime += other.totalTime
            maxNameLength = max(maxNameLength, other.maxNameLength)
            order = nil
            for function in other.profile.functions { profile.add(function) }
        }
    }

    /// `Stats.strip_dirs()`: directories removed from every file name. Functions that then collide
    /// are summed; callers that collide within one function's list overwrite each other (the last
    /// wins), as in pstats. The order is reset to unsorted.
    public mutating func stripDirectories() {
        var stripped = Profile()
        var longest = 0
        for function in profile.functions {
            var renamed = function
            renamed.key = function.key.strippingDirectory
            longest = max(longest, renamed.key.standardName.unicodeScalars.count)
            var callers: [CallerEdge] = []
            var at: [FunctionKey: Int] = [:]
            for edge in function.callers {
                let caller = edge.caller.strippingDirectory
                if let i = at[caller] {
                    callers[i].stats = edge.stats
                } else {
                    at[caller] = callers.count
                    callers.append(CallerEdge(caller: caller, stats: edge.stats))
                }
            }
            renamed.callers = callers
            stripped.add(renamed)
        }
        profile = stripped
        maxNameLength = longest
        order = nil
    }

    /// `Stats.sort_stats(*keys)`: a stable sort on the keys' fields; ties keep the profile's order.
    public mutating func sort(by keys: [SortKey]) {
        let fields = keys.flatMap(\.fields)
        orderDescription = keys.map(\.description).joined(separator: ", ")
        let functions = profile.functions
        let names = fields.contains(.standardName) ? functions.map(\.key.standardName) : []
        var positions = Array(functions.indices)
        positions.sort { a, b in
            for field in fields {
                let c = StatsSession.compare(field, functions[a], functions[b], names, a, b)
                if c != 0 { return field.descending ? c > 0 : c < 0 }
            }
            return a < b
        }
        order = positions
    }

    /// `Stats.reverse_order()`: reverses a sorted listing (an unsorted one stays as it is).
    public mutating func reverseOrder() {
        if let order, !order.isEmpty { self.order = order.reversed() }
    }

    /// -1, 0 or 1 comparing one field of two functions, as Python compares the row tuples.
    private static func compare(_ field: SortKey.Field, _ x: FunctionStats, _ y: FunctionStats,
                                _ names: [String], _ a: Int, _ b: Int) -> Int {
        func order<T: Comparable>(_ l: T, _ r: T) -> Int { l < r ? -1 : (l > r ? 1 : 0) }
        switch field {
        case .primitiveCalls: return order(x.primitiveCalls, y.primitiveCalls)
        case .calls: return order(x.calls, y.calls)
        case .selfTime: return order(x.selfTime, y.selfTime)
        case .cumulativeTime: return order(x.cumulativeTime, y.cumulativeTime)
        case .file: return CodePoint.compare(x.key.file, y.key.file)
        case .line: return order(x.key.line, y.key.line)
        case .name: return CodePoint.compare(x.key.name, y.key.name)
        case .standardName: return CodePoint.compare(names[a], names[b])
        }
    }
}
